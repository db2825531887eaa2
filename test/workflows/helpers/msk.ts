import { KafkaClient } from '@aws-sdk/client-kafka';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { jest } from '@jest/globals';
import { logLevel } from 'kafkajs';
import type { WorkflowTaskDeps } from '../../../cli/local/onboardingTasks';
import { createKafkaTaskDeps, type KafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { registryAccessVia } from '../../../tasks/onboarding/registry/access';
import { buildKafkaConfig } from '../../../tasks/shared/kafka/client';
import { localKafkaConfig } from '../../helpers/localStack';

export const CLUSTER_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
export const KMS_KEY_ARN =
  'arn:aws-cn:kms:cn-northwest-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** What the mocked GetRandomPassword answers; nothing the workflow says may contain it. */
export const PASSWORD = 'pw-4q7ZxT9mKc2L.vB8nR_3sYhJ6wFdG0aEuNpXo';

/** The ARN Secrets Manager would give `AmazonMSK_<principal>` in the cluster's account and Region. */
export const secretArnOf = (principal: string): string =>
  `arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_${principal}-AbCdEf`;

export const notFound = (): Error =>
  Object.assign(new Error('Secrets Manager cannot find the specified secret.'), {
    name: 'ResourceNotFoundException',
    $fault: 'client',
    $metadata: {},
  });

/** A DescribeClusterV2 answer for the test cluster in `state`. */
export const clusterInfo = (state: string) => ({
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

/** Workflow deps for the MSK path: mocked MSK and Secrets Manager clients, the local broker as the cluster. */
export async function mskWorkflowDeps() {
  const logger = { info: jest.fn(), warn: jest.fn() };
  const kafka = await kafkaDepsOnLocalBroker();
  const deps: WorkflowTaskDeps = {
    kafka,
    msk: {
      kafka: new KafkaClient({ region: 'cn-northwest-1' }),
      secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
      logger,
      kmsKeyArn: KMS_KEY_ARN,
      // The cluster is the local broker: its registry topic is the registry of the (mocked) MSK cluster.
      registry: registryAccessVia(kafka.connect),
    },
  };
  return { deps, logger };
}
