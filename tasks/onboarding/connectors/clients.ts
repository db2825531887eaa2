import { IAMClient } from '@aws-sdk/client-iam';
import { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import { kafkaClient, logger } from '../cluster/clients';
import { tracer } from '../tracing';
import { kafkaConnectApi } from './kafkaConnect/restClient';
import type { ConnectorDeps, MskConnectSetup } from './types';

/** MSK Connect in this Region, created once per container. */
export const mskConnectClient = tracer.captureAWSv3Client(new KafkaConnectClient({}));
/** IAM (a global service: the SDK picks the partition's endpoint from the Region), created once per container. */
export const iamClient = tracer.captureAWSv3Client(new IAMClient({}));

/**
 * MSK Connect's setup from `MSK_CONNECT_SERVICE_EXECUTION_ROLE_ARNS` (comma-separated),
 * `MSK_CONNECT_PLUGIN_BUCKET_ARN` and `MSK_CONNECT_LOG_GROUP` (the stack's worker log group).
 */
function mskConnectSetupFromEnv(): MskConnectSetup | undefined {
  const roles = (process.env.MSK_CONNECT_SERVICE_EXECUTION_ROLE_ARNS ?? '').split(',').filter(Boolean);
  const bucket = process.env.MSK_CONNECT_PLUGIN_BUCKET_ARN;
  const logGroup = process.env.MSK_CONNECT_LOG_GROUP;
  return roles.length > 0 && bucket && logGroup
    ? { serviceExecutionRoleArns: roles, pluginBucketArn: bucket, workerLogGroup: logGroup }
    : undefined;
}

/**
 * This container's connector deps. Environment: `KAFKA_CONNECT_URL` (context `msk-flows:kafkaConnectUrl`),
 * the self-managed Kafka Connect cluster's REST API; its workers resolve `${secretsmanager:<secret>:<key>}`
 * with a Secrets Manager config provider named `secretsmanager`; `KAFKA_CONNECT_SECURITY_PROTOCOL`
 * (default SASL_SSL) for the clients a connector opens itself on self-managed Kafka.
 */
export const connectorDeps: ConnectorDeps = {
  kafkaConnect: () =>
    process.env.KAFKA_CONNECT_URL ? kafkaConnectApi(process.env.KAFKA_CONNECT_URL) : undefined,
  secretReference: (secretName, key) => `\${secretsmanager:${secretName}:${key}}`,
  selfManagedSecurityProtocol: process.env.KAFKA_CONNECT_SECURITY_PROTOCOL || 'SASL_SSL',
  mskConnectSetup: mskConnectSetupFromEnv(),
  mskConnect: mskConnectClient,
  kafka: kafkaClient,
  iam: iamClient,
  logger,
};
