import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { logger } from '../cluster/clients';
import { tracer } from '../tracing';
import type { ConsumerClients, PrivateAccessDeps } from './types';

/** The consumer account's key alias the ConsumerAccess stack creates for SCRAM secret copies. */
export const CONSUMER_SECRET_KEY_ALIAS = 'alias/msk-flows/consumer-scram';

type ClientConfig = { region?: string; credentials?: AwsCredentialIdentity };

/**
 * The clients of one account and region. These deps serve a dozen tasks, and each task calls only some of the six
 * services: in a Lambda bundle a client's package loads on its first call (infra/bundling/lazyAwsSdk).
 */
function clientsFor(config: ClientConfig): ConsumerClients & Pick<PrivateAccessDeps, 'dynamodb' | 'sts'> {
  return {
    kafka: tracer.captureAWSv3Client(new KafkaClient(config)),
    ec2: tracer.captureAWSv3Client(new EC2Client(config)),
    lambda: tracer.captureAWSv3Client(new LambdaClient(config)),
    secretsManager: tracer.captureAWSv3Client(new SecretsManagerClient(config)),
    dynamodb: tracer.captureAWSv3Client(new DynamoDBClient(config)),
    sts: tracer.captureAWSv3Client(new STSClient(config)),
  };
}

/** This Lambda container's deps, created once; consumer-account clients are made per assumed session. */
export const privateAccessDeps: PrivateAccessDeps = {
  ...clientsFor({}),
  consumerClients: (credentials, region) => {
    const { kafka, ec2, lambda, secretsManager } = clientsFor({ region, credentials });
    return { kafka, ec2, lambda, secretsManager };
  },
  logger,
  lockTable: process.env.CLUSTER_LOCK_TABLE ?? '',
  consumerSecretKey: process.env.CONSUMER_SECRET_KEY ?? CONSUMER_SECRET_KEY_ALIAS,
  now: () => new Date(),
};
