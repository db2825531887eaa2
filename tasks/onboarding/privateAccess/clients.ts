import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { lazyClient } from '../../shared/aws/lazyClient';
import { logger } from '../cluster/clients';
import { tracer } from '../tracing';
import type { ConsumerClients, PrivateAccessDeps } from './types';

/** The consumer account's key alias the ConsumerAccess stack creates for SCRAM secret copies. */
export const CONSUMER_SECRET_KEY_ALIAS = 'alias/msk-flows/consumer-scram';

type ClientConfig = { region?: string; credentials?: AwsCredentialIdentity };

/**
 * The clients of one account and region, each loading its SDK package on first use (shared/aws/lazyClient.ts):
 * these deps serve a dozen tasks, and each task calls only some of the six services.
 */
function clientsFor(config: ClientConfig): ConsumerClients & Pick<PrivateAccessDeps, 'dynamodb' | 'sts'> {
  return {
    kafka: lazyClient(async () =>
      tracer.captureAWSv3Client(new (await import('@aws-sdk/client-kafka')).KafkaClient(config)),
    ),
    ec2: lazyClient(async () =>
      tracer.captureAWSv3Client(new (await import('@aws-sdk/client-ec2')).EC2Client(config)),
    ),
    lambda: lazyClient(async () =>
      tracer.captureAWSv3Client(new (await import('@aws-sdk/client-lambda')).LambdaClient(config)),
    ),
    secretsManager: lazyClient(async () =>
      tracer.captureAWSv3Client(
        new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient(config),
      ),
    ),
    dynamodb: lazyClient(async () =>
      tracer.captureAWSv3Client(new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient(config)),
    ),
    sts: lazyClient(async () =>
      tracer.captureAWSv3Client(new (await import('@aws-sdk/client-sts')).STSClient(config)),
    ),
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
