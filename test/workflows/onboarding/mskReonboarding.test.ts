import {
  BatchAssociateScramSecretCommand,
  DescribeClusterV2Command,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
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
import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import type { Change } from '../../../tasks/onboarding/contracts';
import { groupName, topicName, userName } from '../../helpers/names';
import {
  CLUSTER_ARN,
  clusterInfo,
  KMS_KEY_ARN,
  mskWorkflowDeps,
  PASSWORD,
  secretArnOf,
} from '../helpers/msk';
import { brokerState, removeFromBroker } from '../helpers/onboarding';

const kafkaMock = mockClient(KafkaClient);
const secretsMock = mockClient(SecretsManagerClient);

/**
 * Secrets Manager holding `AmazonMSK_<principal>` as an earlier offboarding left it: made by msk-flows
 * for this principal, under the platform key, scheduled for deletion until RestoreSecret is called.
 */
function offboardedSecret(principal: string): void {
  let restored = false;
  const described = () => ({
    ARN: secretArnOf(principal),
    Name: `AmazonMSK_${principal}`,
    KmsKeyId: KMS_KEY_ARN,
    Tags: [{ Key: 'msk-flows:principal', Value: principal }],
    ...(restored ? {} : { DeletedDate: new Date('2030-01-08T00:00:00Z') }),
  });
  secretsMock.on(DescribeSecretCommand).callsFake(async () => described());
  secretsMock.on(RestoreSecretCommand).callsFake(async () => {
    restored = true;
    return { ARN: secretArnOf(principal) };
  });
  secretsMock.on(DeleteSecretCommand).callsFake(async () => {
    restored = false;
    return { ARN: secretArnOf(principal) };
  });
  secretsMock.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
  secretsMock.on(PutSecretValueCommand).resolves({ ARN: secretArnOf(principal) });
  secretsMock.on(TagResourceCommand).resolves({});
  secretsMock
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify({ username: principal, password: PASSWORD }) });
  kafkaMock.on(DescribeClusterV2Command).resolves(clusterInfo('ACTIVE'));
  kafkaMock.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
}

function requestFor(principal: string, topic: string) {
  return {
    requestId: `again-${principal}`,
    cluster: { kind: 'msk', arn: CLUSTER_ARN },
    principal,
    topics: [{ name: topic, partitions: 1, replicationFactor: 1 }],
    grants: [{ role: 'consumer', topic, group: groupName() }],
  };
}

describe('re-onboarding on MSK within an offboarding’s recovery window', () => {
  const cleanUp: { principal: string; topics: string[] }[] = [];

  afterEach(async () => {
    kafkaMock.reset();
    secretsMock.reset();
    for (const { principal, topics } of cleanUp.splice(0)) await removeFromBroker(principal, topics);
  });

  it('restores the secret with a new password and associates it again', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    offboardedSecret(principal);
    kafkaMock
      .on(BatchAssociateScramSecretCommand)
      .resolves({ ClusterArn: CLUSTER_ARN, UnprocessedScramSecrets: [] });
    const { deps, logger } = await mskWorkflowDeps();

    // Act
    const result = await runWorkflowLocally({
      workflow: 'onboarding',
      input: requestFor(principal, topic),
      deps,
    });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    expect(secretsMock).not.toHaveReceivedCommand(CreateSecretCommand);
    expect(secretsMock).toHaveReceivedCommandWith(RestoreSecretCommand, { SecretId: secretArnOf(principal) });
    expect(secretsMock).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: secretArnOf(principal),
      SecretString: JSON.stringify({ username: principal, password: PASSWORD }),
    });
    expect(kafkaMock).toHaveReceivedCommandWith(BatchAssociateScramSecretCommand, {
      ClusterArn: CLUSTER_ARN,
      SecretArnList: [secretArnOf(principal)],
    });
    const changes = (result.output as { changes: Change[] }).changes;
    expect(changes.filter((c) => c.kind === 'secret' || c.kind === 'scram-association')).toEqual([
      expect.objectContaining({ kind: 'secret', action: 'update' }),
      expect.objectContaining({ kind: 'scram-association', action: 'create' }),
    ]);
    expect(JSON.stringify([result.output, result.events, logger.info.mock.calls])).not.toContain(PASSWORD);
  });

  it('puts the secret back under scheduled deletion, never destroying it, when a later step fails', async () => {
    // Prepare
    const [principal, topic] = [userName(), topicName()];
    cleanUp.push({ principal, topics: [topic] });
    offboardedSecret(principal);
    kafkaMock.on(BatchAssociateScramSecretCommand).resolves({
      ClusterArn: CLUSTER_ARN,
      UnprocessedScramSecrets: [
        { SecretArn: secretArnOf(principal), ErrorCode: 'ValidationException', ErrorMessage: 'refused' },
      ],
    });
    const { deps } = await mskWorkflowDeps();

    // Act
    const result = await runWorkflowLocally({
      workflow: 'onboarding',
      input: requestFor(principal, topic),
      deps,
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('ScramSecretAssociationError');
    expect(secretsMock).toHaveReceivedCommandTimes(DeleteSecretCommand, 1);
    expect(secretsMock).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: secretArnOf(principal),
      RecoveryWindowInDays: 7,
    });
    expect(secretsMock).not.toHaveReceivedCommandWith(DeleteSecretCommand, {
      ForceDeleteWithoutRecovery: true,
    });
    expect((await brokerState(principal, [topic])).topics).toEqual([]);
  });
});
