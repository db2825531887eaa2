import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KafkaClient } from '@aws-sdk/client-kafka';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { kafkaClient, logger } from '../cluster/clients';
import { secretsManagerClient } from '../credentials/msk/secretsManagerClient';
import type { PrivateAccessDeps } from './types';

/** The consumer account's key alias the ConsumerAccess stack creates for SCRAM secret copies. */
export const CONSUMER_SECRET_KEY_ALIAS = 'alias/msk-flows/consumer-scram';

/** This Lambda container's deps, created once; consumer-account clients are made per assumed session. */
export const privateAccessDeps: PrivateAccessDeps = {
  kafka: kafkaClient,
  ec2: new EC2Client({}),
  lambda: new LambdaClient({}),
  secretsManager: secretsManagerClient,
  dynamodb: new DynamoDBClient({}),
  sts: new STSClient({}),
  consumerClients: (credentials, region) => ({
    kafka: new KafkaClient({ region, credentials }),
    ec2: new EC2Client({ region, credentials }),
    lambda: new LambdaClient({ region, credentials }),
    secretsManager: new SecretsManagerClient({ region, credentials }),
  }),
  logger,
  lockTable: process.env.CLUSTER_LOCK_TABLE ?? '',
  consumerSecretKey: process.env.CONSUMER_SECRET_KEY ?? CONSUMER_SECRET_KEY_ALIAS,
  now: () => new Date(),
};
