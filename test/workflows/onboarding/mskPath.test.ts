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
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  logLevel,
  ResourcePatternTypes,
} from 'kafkajs';
import { runWorkflowLocally } from '../../../cli/local/runWorkflowLocally';
import type { Change } from '../../../tasks/onboarding/contracts';
import { createKafkaTaskDeps, type KafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { buildKafkaConfig } from '../../../tasks/shared/kafka/client';
import { localKafkaConfig } from '../../helpers/localStack';
import { groupName, topicName, userName } from '../../helpers/names';
import { asAdmin, statesEntered } from '../helpers/onboarding';

const CLUSTER_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const KMS_KEY_ARN = 'arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PASSWORD = 'pw-4q7ZxT9mKc2L.vB8nR_3sYhJ6wFdG0aEuNpXo';

const kafkaMock = mockClient(KafkaClient);
const secretsMock = mockClient(SecretsManagerClient);

const notFound = () =>
  Object.assign(new Error('Secrets Manager cannot find the specified secret.'), {
    name: 'ResourceNotFoundException',
    $fault: 'client',
    $metadata: {},
  });

const clusterInfo = (state: string) => ({
  ClusterInfo: {
    ClusterArn: CLUSTER_ARN,
    ClusterType: 'PROVISIONED' as const,
    State: state as 'ACTIVE',
    CurrentVersion: 'K3AEGXETSR30VB',
    Provisioned: {
      BrokerNodeGroupInfo: { ClientSubnets: ['subnet-0a1b2c3d'], InstanceType: 'kafka.m7g.large' },
      NumberOfBrokerNodes: 3,
      ClientAuthentication: { Sasl: { Scram: { Enabled: true } } },
    },
  },
});

/** Kafka-side deps whose MSK cluster is the local broker, reached as the local admin (its SCRAM user lives in mocked MSK). */
async function kafkaDepsOnLocalBroker(): Promise<KafkaTaskDeps> {
  const adminConfig = await localKafkaConfig();
  const base = createKafkaTaskDeps();
  return {
    ...base,
    connect: async () => adminConfig,
    principalConnection: async () =>
      buildKafkaConfig(adminConfig, { options: { logLevel: logLevel.NOTHING, retries: 0 } }),
  };
}

describe('onboarding workflow on MSK', () => {
  const cleanUp: { principal: string; topics: string[] }[] = [];

  afterEach(async () => {
    kafkaMock.reset();
    secretsMock.reset();
    for (const { principal, topics } of cleanUp.splice(0)) {
      await asAdmin(async (admin) => {
        const existing = new Set(await admin.listTopics());
        const toDelete = topics.filter((t) => existing.has(t));
        if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete });
        await admin.deleteAcls({
          filters: [
            {
              resourceType: AclResourceTypes.ANY,
              resourcePatternType: ResourcePatternTypes.ANY,
              principal: `User:${principal}`,
              operation: AclOperationTypes.ANY,
              permissionType: AclPermissionTypes.ANY,
            },
          ],
        });
      });
    }
  });

  it('creates a KMS-encrypted secret, waits for ACTIVE and retries association until MSK sees the secret', async () => {
    // Prepare
    const [principal, topic, group] = [userName(), topicName(), groupName()];
    cleanUp.push({ principal, topics: [topic] });
    const secretName = `AmazonMSK_${principal}`;
    const secretArn = `arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:${secretName}-AbCdEf`;
    secretsMock.on(DescribeSecretCommand).rejects(notFound());
    secretsMock.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsMock.on(CreateSecretCommand).resolves({ ARN: secretArn, Name: secretName });
    kafkaMock
      .on(DescribeClusterV2Command)
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
    const logger = { info: jest.fn(), warn: jest.fn() };
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
      deps: {
        kafka: await kafkaDepsOnLocalBroker(),
        msk: {
          kafka: new KafkaClient({ region: 'cn-northwest-1' }),
          secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
          logger,
          kmsKeyArn: KMS_KEY_ARN,
        },
      },
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
