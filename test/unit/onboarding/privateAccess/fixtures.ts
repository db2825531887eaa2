import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { PrivateAccessDeps } from '../../../../tasks/onboarding/privateAccess/types';

export const CLUSTER_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
export const CONSUMER = '444455556666';
export const PRIVATE_LINK = {
  consumerAccountId: CONSUMER,
  roleArn: `arn:aws-cn:iam::${CONSUMER}:role/msk-flows-consumer-access`,
  externalId: 'ext-1234',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnetIds: ['subnet-0a1b2c3d4e5f60711', 'subnet-0a1b2c3d4e5f60722'],
  securityGroupIds: ['sg-0aaa1111bbbb2222c'],
};
export const REQUEST = {
  requestId: 'req-1',
  principal: 'orders-consumer',
  cluster: { kind: 'msk' as const, arn: CLUSTER_ARN },
  privateLink: PRIVATE_LINK,
};

/** Deps whose every client is its own mocked instance: cluster account and consumer account apart. */
export function mockedDeps() {
  const platform = {
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    ec2: new EC2Client({ region: 'cn-northwest-1' }),
    lambda: new LambdaClient({ region: 'cn-northwest-1' }),
    secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
    dynamodb: new DynamoDBClient({ region: 'cn-northwest-1' }),
    sts: new STSClient({ region: 'cn-northwest-1' }),
  };
  const consumer = {
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    ec2: new EC2Client({ region: 'cn-northwest-1' }),
    lambda: new LambdaClient({ region: 'cn-northwest-1' }),
    secretsManager: new SecretsManagerClient({ region: 'cn-northwest-1' }),
  };
  const mocks = {
    kafka: mockClient(platform.kafka),
    ec2: mockClient(platform.ec2),
    lambda: mockClient(platform.lambda),
    secrets: mockClient(platform.secretsManager),
    dynamodb: mockClient(platform.dynamodb),
    sts: mockClient(platform.sts),
    consumerKafka: mockClient(consumer.kafka),
    consumerEc2: mockClient(consumer.ec2),
    consumerLambda: mockClient(consumer.lambda),
    consumerSecrets: mockClient(consumer.secretsManager),
  };
  mocks.sts.on(AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 'k', SessionToken: 't', Expiration: new Date() },
  });
  const consumerClients = jest.fn((_credentials: unknown, _region: string) => consumer);
  const deps: PrivateAccessDeps = {
    ...platform,
    consumerClients,
    logger: { info: jest.fn(), warn: jest.fn() },
    lockTable: 'locks',
    consumerSecretKey: 'alias/msk-flows/consumer-scram',
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  return { deps, mocks, consumerClients };
}

/** An AWS SDK error by name, as the SDK throws them. */
export const awsError = (name: string, message = name): Error =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} });

export const emptyJournal = () => ({ ledger: [], changes: [] });
