import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { removeMskCredentials } from '../../../../../tasks/onboarding/credentials/msk/removeMskCredentials';
import {
  awsError,
  CN,
  depsFor,
  otherTeamsSecretArns,
  PARTITIONS,
  PRINCIPAL,
  requestFor,
  SECRET_NAME,
} from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);
const OURS = [{ Key: 'msk-flows:principal', Value: PRINCIPAL }];

describe('removeMskCredentials', () => {
  afterEach(() => {
    kafka.reset();
    secretsManager.reset();
  });

  it.each(PARTITIONS)(
    'disassociates our secret and schedules its deletion with a 7-day window in $partition',
    async (fixture) => {
      // Prepare
      secretsManager
        .on(DescribeSecretCommand)
        .resolves({ ARN: fixture.secretArn, Name: SECRET_NAME, KmsKeyId: fixture.kmsKeyArn, Tags: OURS });
      kafka
        .on(ListScramSecretsCommand)
        .resolves({ SecretArnList: [...otherTeamsSecretArns(fixture, 2), fixture.secretArn] });
      kafka.on(BatchDisassociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });
      secretsManager.on(DeleteSecretCommand).resolves({ ARN: fixture.secretArn });
      const { deps } = depsFor(fixture);

      // Act
      const changes = await removeMskCredentials({ request: requestFor(fixture) }, deps);

      // Assess
      expect(
        kafka.commandCalls(BatchDisassociateScramSecretCommand).map((call) => call.args[0].input),
      ).toEqual([{ ClusterArn: fixture.clusterArn, SecretArnList: [fixture.secretArn] }]);
      expect(secretsManager.commandCalls(DeleteSecretCommand).map((call) => call.args[0].input)).toEqual([
        { SecretId: fixture.secretArn, RecoveryWindowInDays: 7 },
      ]);
      expect(changes.map((change) => [change.kind, change.action])).toEqual([
        ['scram-association', 'delete'],
        ['secret', 'delete'],
      ]);
    },
  );

  it('keeps a secret msk-flows did not create but still revokes its association', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, Tags: [{ Key: 'owner', Value: 'someone' }] });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [CN.secretArn] });
    kafka.on(BatchDisassociateScramSecretCommand).resolves({});
    const { deps } = depsFor(CN);

    // Act
    const changes = await removeMskCredentials({ request: requestFor(CN) }, deps);

    // Assess
    expect(secretsManager).not.toHaveReceivedCommand(DeleteSecretCommand);
    expect(kafka).toHaveReceivedCommandWith(BatchDisassociateScramSecretCommand, {
      SecretArnList: [CN.secretArn],
    });
    expect(changes[1]).toMatchObject({
      kind: 'secret',
      action: 'none',
      detail: 'not created by msk-flows; kept',
    });
  });

  it('keeps a secret whose principal tag names another principal', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).resolves({
      ARN: CN.secretArn,
      Name: SECRET_NAME,
      Tags: [{ Key: 'msk-flows:principal', Value: 'other' }],
    });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    const { deps } = depsFor(CN);

    // Act
    await removeMskCredentials({ request: requestFor(CN) }, deps);

    // Assess
    expect(secretsManager).not.toHaveReceivedCommand(DeleteSecretCommand);
    expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
  });

  it('changes nothing when run again after the secret was scheduled for deletion', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).resolves({
      ARN: CN.secretArn,
      Name: SECRET_NAME,
      Tags: OURS,
      DeletedDate: new Date('2030-01-08T00:00:00Z'),
    });
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: otherTeamsSecretArns(CN, 1) });
    const { deps } = depsFor(CN);

    // Act
    const changes = await removeMskCredentials({ request: requestFor(CN) }, deps);

    // Assess
    expect(changes.map((change) => change.action)).toEqual(['none', 'none']);
    expect(secretsManager).not.toHaveReceivedCommand(DeleteSecretCommand);
    expect(kafka).not.toHaveReceivedCommand(BatchDisassociateScramSecretCommand);
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
  });

  it('changes nothing when the secret does not exist', async () => {
    // Prepare
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    const { deps } = depsFor(CN);

    // Act
    const changes = await removeMskCredentials({ request: requestFor(CN) }, deps);

    // Assess
    expect(changes.map((change) => change.action)).toEqual(['none', 'none']);
    expect(kafka.calls()).toHaveLength(0);
  });
});
