import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { buildKafkaConfig, getKafka, resetKafkaClients } from '../../../../tasks/shared/kafka/client';
import type { KafkaConnectionConfig } from '../../../../tasks/shared/kafka/config';
import type { MskIamTokenSigner } from '../../../../tasks/shared/kafka/mskIamToken';
import { writeSecretFile } from '../../../../tasks/shared/secrets/localFileStore';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_team-a-AbCdEf';
const BROKERS = [
  'b-1.example.kafka.eu-west-1.amazonaws.com:9096',
  'b-2.example.kafka.eu-west-1.amazonaws.com:9096',
];
const secretsManager = mockClient(SecretsManagerClient);

describe('buildKafkaConfig', () => {
  afterEach(() => {
    secretsManager.reset();
  });

  it('uses SCRAM-SHA-512 over TLS with the credentials of the secret when the auth is scram', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand, { SecretId: ARN })
      .resolves({ SecretString: JSON.stringify({ username: 'team-a', password: 'pw' }) });

    // Act
    const config = await buildKafkaConfig({ brokers: BROKERS, auth: { type: 'scram', secret: ARN } });

    // Assess
    expect(config).toMatchObject({
      brokers: BROKERS,
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'team-a', password: 'pw' },
    });
  });

  it('turns TLS off only when a scram config says plaintext (the local broker)', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: '{"username":"a","password":"b"}' });

    // Act
    const config = await buildKafkaConfig({
      brokers: ['127.0.0.1:9096'],
      auth: { type: 'scram', secret: ARN, plaintext: true },
    });

    // Assess
    expect(config.ssl).toBe(false);
  });

  it('signs a fresh MSK IAM token for the region on every authentication when the auth is iam', async () => {
    // Prepare
    const sign = jest
      .fn<MskIamTokenSigner>()
      .mockResolvedValueOnce({ token: 'token-1', expiryTime: 1 })
      .mockResolvedValueOnce({ token: 'token-2', expiryTime: 2 });

    // Act
    const config = await buildKafkaConfig(
      { brokers: ['b-1.example:9098'], auth: { type: 'iam', region: 'eu-west-1' } },
      { generateAuthToken: sign },
    );
    const sasl = config.sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
    const first = await sasl.oauthBearerProvider();
    const second = await sasl.oauthBearerProvider();

    // Assess
    expect(config.ssl).toBe(true);
    expect(sasl.mechanism).toBe('oauthbearer');
    expect([first.value, second.value]).toEqual(['token-1', 'token-2']);
    expect(sign).toHaveBeenCalledWith({ region: 'eu-west-1' });
  });

  it('uses TLS without SASL when the auth is tls', async () => {
    // Act
    const config = await buildKafkaConfig({ brokers: ['b-1.example:9094'], auth: { type: 'tls' } });

    // Assess
    expect(config.ssl).toBe(true);
    expect(config.sasl).toBeUndefined();
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('lists every problem in one KafkaConfigError when the config is invalid', async () => {
    // Act
    const error = await buildKafkaConfig({
      brokers: ['no-port', 'ok:9098'],
      auth: { type: 'iam', region: '' },
      cluster: 'orders',
    }).catch((rejection: unknown) => rejection);

    // Assess
    expect(error).toMatchObject({ name: 'KafkaConfigError', context: { cluster: 'orders' } });
    expect((error as Error).message).toContain("'no-port' is not host:port");
    expect((error as Error).message).toContain('auth.region: required for IAM');
  });
});

describe('getKafka', () => {
  let dir: string;
  let config: KafkaConnectionConfig;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-flows-client-'));
    const path = join(dir, 'admin.json');
    writeSecretFile(path, JSON.stringify({ username: 'admin', password: 'pw' }));
    config = {
      brokers: ['127.0.0.1:9096'],
      auth: { type: 'scram', secret: { kind: 'file', path }, plaintext: true },
    };
  });

  afterEach(() => {
    resetKafkaClients();
    rmSync(dir, { recursive: true, force: true });
    secretsManager.reset();
  });

  it('returns the same client for the same config so a Lambda container connects once', async () => {
    // Act
    const first = await getKafka(config);
    const second = await getKafka({ ...config, brokers: [...config.brokers] });

    // Assess
    expect(second).toBe(first);
  });

  it('returns a new client when the config differs or after resetKafkaClients()', async () => {
    // Prepare
    const first = await getKafka(config);

    // Act
    const otherClientId = await getKafka({ ...config, clientId: 'other' });
    resetKafkaClients();
    const afterReset = await getKafka(config);

    // Assess
    expect(otherClientId).not.toBe(first);
    expect(afterReset).not.toBe(first);
  });

  it('does not cache a failed creation, so the next call retries reading the secret', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: '{"username":"a","password":"b"}' });
    const smConfig: KafkaConnectionConfig = {
      brokers: ['b-1.example:9096'],
      auth: { type: 'scram', secret: ARN },
    };

    // Act
    const failure = await getKafka(smConfig).catch((rejection: unknown) => rejection);
    const client = await getKafka(smConfig);

    // Assess
    expect(failure).toMatchObject({ name: 'SecretThrottledError' });
    expect(client).toBeDefined();
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });
});
