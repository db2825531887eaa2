import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createKafkaTaskDeps, readLocalKafkaEntry } from '../../../../tasks/onboarding/kafka/clients';

const secretsManager = mockClient(SecretsManagerClient);

describe('createKafkaTaskDeps', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-flows-clients-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    secretsManager.reset();
  });

  it('deletes Secrets Manager secrets at once for compensation, else with the 7-day offboarding window', async () => {
    // Prepare
    secretsManager.on(DeleteSecretCommand).resolves({});
    const deps = createKafkaTaskDeps({});

    // Act
    await deps.secrets.delete('AmazonMSK_a', { immediately: true });
    await deps.secrets.delete('AmazonMSK_b');

    // Assess
    expect(secretsManager.commandCalls(DeleteSecretCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: 'AmazonMSK_a', ForceDeleteWithoutRecovery: true },
      { SecretId: 'AmazonMSK_b', RecoveryWindowInDays: 7 },
    ]);
  });

  it('refuses to create a Secrets Manager secret without the platform KMS key', async () => {
    // Prepare
    const deps = createKafkaTaskDeps({});

    // Act
    const put = deps.secrets.put(
      'AmazonMSK_orders-analytics',
      '{"username":"orders-analytics","password":"x"}',
    );

    // Assess
    await expect(put).rejects.toMatchObject({
      name: 'MskCredentialsConfigError',
      message: expect.stringContaining('SCRAM_SECRET_KMS_KEY_ARN'),
    });
  });

  it('tags a new AmazonMSK_ secret with its principal, the tag its IAM grants require', async () => {
    // Prepare
    secretsManager
      .on(PutSecretValueCommand)
      .rejects(Object.assign(new Error('no such secret'), { name: 'ResourceNotFoundException' }));
    secretsManager.on(CreateSecretCommand).resolves({});
    const deps = createKafkaTaskDeps({ kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k' });

    // Act
    await deps.secrets.put('AmazonMSK_orders-analytics', '{"username":"orders-analytics","password":"x"}');

    // Assess
    expect(secretsManager.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({
      Name: 'AmazonMSK_orders-analytics',
      SecretString: '{"username":"orders-analytics","password":"x"}',
      KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k',
      Tags: [{ Key: 'msk-flows:principal', Value: 'orders-analytics' }],
    });
  });

  it('resolves the local stack cluster from stack.json and keeps secrets beside it', async () => {
    // Prepare
    const stackFile = join(dir, 'stack.json');
    const kafka = {
      bootstrapServers: ['127.0.0.1:9096'],
      adminSecretFile: join(dir, 'secrets', 'kafka-admin.json'),
    };
    writeFileSync(stackFile, JSON.stringify({ kafka }));
    const deps = createKafkaTaskDeps({ localStackFile: stackFile });

    // Act
    const connection = await deps.connect({ kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] });
    await deps.secrets.put('AmazonMSK_p', '{"username":"p","password":"x"}');

    // Assess
    expect(readLocalKafkaEntry(stackFile)).toEqual(kafka);
    expect(connection.auth).toEqual({
      type: 'scram',
      secret: { kind: 'file', path: kafka.adminSecretFile },
      plaintext: true,
    });
    expect(readLocalKafkaEntry(join(dir, 'missing.json'))).toBeUndefined();
    expect(existsSync(join(dir, 'secrets', 'AmazonMSK_p.json'))).toBe(true);
  });
});
