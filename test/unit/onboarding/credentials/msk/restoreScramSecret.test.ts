import { KafkaClient, ListScramSecretsCommand } from '@aws-sdk/client-kafka';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureScramSecret } from '../../../../../tasks/onboarding/credentials/msk/ensureScramSecret';
import { planMskCredentials } from '../../../../../tasks/onboarding/credentials/msk/planMskCredentials';
import { undoSecretRestore } from '../../../../../tasks/onboarding/credentials/msk/undoMskCredentials';
import { commandNames } from '../../../../helpers/sdkCalls';
import {
  CN,
  COMMERCIAL,
  depsFor,
  everythingSaid,
  PARTITIONS,
  PASSWORD,
  PRINCIPAL,
  requestFor,
  SECRET_NAME,
} from './fixtures';

const secretsManager = mockClient(SecretsManagerClient);
const kafka = mockClient(KafkaClient);
const EXECUTION = 'orders-analytics-002';
const DELETED = new Date('2030-01-08T00:00:00Z');
const OURS = [{ Key: 'msk-flows:principal', Value: PRINCIPAL }];

const commandsSent = (): string[] => commandNames(secretsManager);

function offboardedSecret(arn: string, kmsKeyId: string, tags = OURS): void {
  secretsManager
    .on(DescribeSecretCommand)
    .resolves({ ARN: arn, Name: SECRET_NAME, KmsKeyId: kmsKeyId, DeletedDate: DELETED, Tags: tags });
  secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
}

describe('re-onboarding a principal whose secret an offboarding scheduled for deletion', () => {
  afterEach(() => {
    secretsManager.reset();
    kafka.reset();
  });

  it.each(PARTITIONS)(
    'restores the secret, puts a new password and tags it with the execution in $partition',
    async (fixture) => {
      // Prepare
      offboardedSecret(fixture.secretArn, fixture.kmsKeyArn);
      const { deps, logger } = depsFor(fixture);

      // Act
      const journal = await ensureScramSecret(
        { request: requestFor(fixture), executionName: EXECUTION },
        deps,
      );

      // Assess
      expect(commandsSent()).toEqual([
        'DescribeSecretCommand',
        'RestoreSecretCommand',
        'GetRandomPasswordCommand',
        'PutSecretValueCommand',
        'TagResourceCommand',
      ]);
      expect(secretsManager).toHaveReceivedCommandWith(RestoreSecretCommand, { SecretId: fixture.secretArn });
      expect(secretsManager).toHaveReceivedCommandWith(PutSecretValueCommand, {
        SecretId: fixture.secretArn,
        SecretString: JSON.stringify({ username: PRINCIPAL, password: PASSWORD }),
      });
      expect(secretsManager).toHaveReceivedCommandWith(TagResourceCommand, {
        SecretId: fixture.secretArn,
        Tags: [{ Key: 'msk-flows:restored-by', Value: EXECUTION }],
      });
      expect(journal.ledger).toEqual([
        { kind: 'secret-restore', secretArn: fixture.secretArn, secretName: SECRET_NAME },
      ]);
      expect(journal.changes).toEqual([expect.objectContaining({ kind: 'secret', action: 'update' })]);
      expect(everythingSaid(journal, logger)).not.toContain(PASSWORD);
    },
  );

  it.each([
    ['carries no msk-flows principal tag', []],
    ['was made by msk-flows for another principal', [{ Key: 'msk-flows:principal', Value: 'someone-else' }]],
  ])('refuses, touching nothing, a pending-deletion secret that %s', async (_why, tags) => {
    // Prepare
    offboardedSecret(CN.secretArn, CN.kmsKeyArn, tags);
    const { deps } = depsFor(CN);

    // Act
    const error = await ensureScramSecret({ request: requestFor(CN), executionName: EXECUTION }, deps).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretPendingDeletionError' });
    expect((error as Error).message).toContain('2030-01-08');
    expect(commandsSent()).toEqual(['DescribeSecretCommand']);
  });

  it('refuses to restore our secret when it is not under the platform key', async () => {
    // Prepare
    offboardedSecret(CN.secretArn, COMMERCIAL.kmsKeyArn);
    const { deps } = depsFor(CN);

    // Act
    const error = await ensureScramSecret({ request: requestFor(CN) }, deps).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretKeyMismatchError' });
    expect(secretsManager).not.toHaveReceivedCommand(RestoreSecretCommand);
  });

  it('journals the restore again, changing nothing, when the Lambda is retried after it', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).resolves({
      ARN: CN.secretArn,
      Name: SECRET_NAME,
      KmsKeyId: CN.kmsKeyArn,
      Tags: [...OURS, { Key: 'msk-flows:restored-by', Value: EXECUTION }],
    });
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: PRINCIPAL, password: PASSWORD }) });
    const { deps } = depsFor(CN);

    // Act
    const journal = await ensureScramSecret({ request: requestFor(CN), executionName: EXECUTION }, deps);

    // Assess
    expect(journal.ledger).toEqual([
      { kind: 'secret-restore', secretArn: CN.secretArn, secretName: SECRET_NAME },
    ]);
    expect(commandsSent()).toEqual(['DescribeSecretCommand', 'GetSecretValueCommand']);
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('plans the restore and the association, reading only', async () => {
    // Prepare
    offboardedSecret(CN.secretArn, CN.kmsKeyArn);
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    const { deps } = depsFor(CN);

    // Act
    const changes = await planMskCredentials(requestFor(CN), deps);

    // Assess
    expect(changes.map(({ kind, action }) => `${kind}:${action}`)).toEqual([
      'secret:update',
      'scram-association:create',
    ]);
    expect(commandsSent()).toEqual(['DescribeSecretCommand']);
  });
});

describe('undoSecretRestore', () => {
  afterEach(() => secretsManager.reset());

  it.each(PARTITIONS)(
    'schedules the restored secret for deletion again with the 7-day window in $partition',
    async (fixture) => {
      // Prepare
      secretsManager
        .on(DescribeSecretCommand)
        .resolves({ ARN: fixture.secretArn, Name: SECRET_NAME, KmsKeyId: fixture.kmsKeyArn, Tags: OURS });
      secretsManager.on(DeleteSecretCommand).resolves({});
      const { deps } = depsFor(fixture);

      // Act
      const change = await undoSecretRestore(
        { kind: 'secret-restore', secretArn: fixture.secretArn, secretName: SECRET_NAME },
        deps,
      );

      // Assess
      expect(secretsManager).toHaveReceivedCommandWith(DeleteSecretCommand, {
        SecretId: fixture.secretArn,
        RecoveryWindowInDays: 7,
      });
      expect(secretsManager).not.toHaveReceivedCommandWith(DeleteSecretCommand, {
        ForceDeleteWithoutRecovery: true,
      });
      expect(change).toMatchObject({ kind: 'secret', id: SECRET_NAME, action: 'delete' });
    },
  );

  it('reports no change when the secret is already scheduled for deletion', async () => {
    // Prepare
    offboardedSecret(CN.secretArn, CN.kmsKeyArn);
    const { deps } = depsFor(CN);

    // Act
    const change = await undoSecretRestore(
      { kind: 'secret-restore', secretArn: CN.secretArn, secretName: SECRET_NAME },
      deps,
    );

    // Assess
    expect(change).toMatchObject({ action: 'none' });
    expect(secretsManager).not.toHaveReceivedCommand(DeleteSecretCommand);
  });
});
