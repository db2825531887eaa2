import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { TaskLogger } from '../cluster/clients';

/** The clients msk-flows uses inside the consumer account, signed with the assumed role's credentials. */
export interface ConsumerClients {
  kafka: KafkaClient;
  ec2: EC2Client;
  lambda: LambdaClient;
  secretsManager: SecretsManagerClient;
}

/** What the private access and trigger cores need, injected so tests swap them. */
export interface PrivateAccessDeps {
  /** MSK in the cluster's (this platform's) account. */
  kafka: KafkaClient;
  /** EC2 in the cluster's account (the brokers' subnets, when MSK does not report their AZ IDs). */
  ec2: EC2Client;
  /** Lambda in the cluster's account (triggers whose function lives there). */
  lambda: LambdaClient;
  /** Secrets Manager in the cluster's account (the principal's SCRAM secret). */
  secretsManager: SecretsManagerClient;
  dynamodb: DynamoDBClient;
  sts: STSClient;
  /** Clients for the consumer account, in `region`, signed with `credentials`. */
  consumerClients: (credentials: AwsCredentialIdentity, region: string) => ConsumerClients;
  logger: TaskLogger;
  /** The DynamoDB table of cluster locks (env `CLUSTER_LOCK_TABLE`). */
  lockTable: string;
  /** The consumer account's KMS key (id, alias or ARN as the consumer account resolves it) for secret copies. */
  consumerSecretKey: string;
  now: () => Date;
}
