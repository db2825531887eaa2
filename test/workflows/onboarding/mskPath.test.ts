import {
  BatchAssociateScramSecretCommand,
  DescribeClusterV2Command,
  GetBootstrapBrokersCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  SecretsManagerClient,
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
  notFound,
  PASSWORD,
  secretArnOf,
} from '../helpers/msk';
import { removeFromBroker, statesEntered } from '../helpers/onboarding';

const kafkaMock = mockClient(KafkaClient);
const secretsMock = mockClient(SecretsManagerClient);

describe('onboarding workflow on MSK', () => {
  const cleanUp: { principal: string; topics: string[] }[] = [];

  afterEach(async () => {
    kafkaMock.reset();
    secretsMock.reset();
    for (const { principal, topics } of cleanUp.splice(0)) await removeFromBroker(principal, topics);
  });

  it('creates a KMS-encrypted secret, waits for ACTIVE and retries association until MSK sees the secret', async () => {
    // Prepare
    const [principal, topic, group] = [userName(), topicName(), groupName()];
    cleanUp.push({ principal, topics: [topic] });
    const secretName = `AmazonMSK_${principal}`;
    const secretArn = secretArnOf(principal);
    secretsMock.on(DescribeSecretCommand).rejects(notFound());
    secretsMock.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsMock.on(CreateSecretCommand).resolves({ ARN: secretArn, Name: secretName });
    kafkaMock
      .on(DescribeClusterV2Command)
      // Plan Changes' guard rails read the cluster's configuration (super.users) first.
      .resolvesOnce(clusterInfo('ACTIVE'))
      .resolvesOnce(clusterInfo('UPDATING'))
      .resolves(clusterInfo('ACTIVE'));
    kafkaMock.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafkaMock
      .on(BatchAssociateScramSecretCommand)
      .resolvesOnce({
        ClusterArn: CLUSTER_ARN,
        UnprocessedScramSecrets: [
          { SecretArn: secretArn, ErrorCode: 'InvalidSecretArn', ErrorMessage: 'not visible yet' },
        ],
      })
      .resolves({ ClusterArn: CLUSTER_ARN, UnprocessedScramSecrets: [] });
    const { deps, logger } = await mskWorkflowDeps();
    const request = {
      requestId: `msk-${principal}`,
      cluster: { kind: 'msk', arn: CLUSTER_ARN },
      principal,
      topics: [{ name: topic, partitions: 1, replicationFactor: 1 }],
      grants: [{ role: 'consumer', topic, group }],
    };

    // Act
    const result = await runWorkflowLocally({
      workflow: 'onboarding',
      input: request,
      deps,
    });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    const entered = statesEntered(result);
    expect(entered.filter((s) => s === 'Describe Cluster')).toHaveLength(2);
    expect(entered).toContain('Wait For Cluster Active');
    expect(entered).not.toContain('Upsert Scram User');
    const retried = result.events.filter((e) => e.type === 'StateRetried').map((e) => e.state);
    expect(retried).toEqual(['Associate Scram Secret']);
    expect(secretsMock).toHaveReceivedCommandTimes(CreateSecretCommand, 1);
    expect(secretsMock).toHaveReceivedCommandWith(CreateSecretCommand, {
      Name: secretName,
      KmsKeyId: KMS_KEY_ARN,
      SecretString: JSON.stringify({ username: principal, password: PASSWORD }),
    });
    expect(kafkaMock).toHaveReceivedCommandTimes(BatchAssociateScramSecretCommand, 2);
    for (const call of kafkaMock.commandCalls(BatchAssociateScramSecretCommand)) {
      expect(call.args[0].input).toEqual({ ClusterArn: CLUSTER_ARN, SecretArnList: [secretArn] });
    }
    expect(kafkaMock).toHaveReceivedCommandTimes(GetBootstrapBrokersCommand, 0);
    const changes = (result.output as { changes: Change[] }).changes;
    expect(changes.filter((c) => c.action === 'create').map((c) => c.kind)).toEqual(
      expect.arrayContaining(['secret', 'scram-association', 'topic', 'acl']),
    );
    const everything = JSON.stringify([
      result.output,
      result.events,
      logger.info.mock.calls,
      logger.warn.mock.calls,
    ]);
    expect(everything).not.toContain(PASSWORD);
  });
});
