import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createS3Client, createSqsClient } from '../../shared/aws/clients';
import { Tracer } from '../../shared/observability/tracer';
import { readIotToS3Settings } from './config';
import { createIotDlq } from './dlq';
import type { IotToS3Observability, WriteIotBatchToS3Deps } from './writeIotBatchToS3';

const serviceName = 'iot-to-s3';

/** The container's logger, metrics (namespace `POWERTOOLS_METRICS_NAMESPACE`, default `MskFlows`) and tracer. */
export const iotToS3Observability: IotToS3Observability = {
  logger: new Logger({ serviceName }),
  metrics: new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows' }),
  tracer: new Tracer({ serviceName }),
};

/** The AWS SDK clients the batcher uses (default: tasks/shared/aws, honouring `AWS_ENDPOINT_URL_S3` / `_SQS`). */
export interface IotToS3AwsClients {
  s3: S3Client;
  sqs: SQSClient;
}

/**
 * Builds the core's deps from the environment (see `readIotToS3Settings`); throws IotToS3ConfigError
 * naming every bad variable. Call once per container.
 */
export function iotToS3Clients(
  env: NodeJS.ProcessEnv = process.env,
  observability: IotToS3Observability = iotToS3Observability,
  clients?: IotToS3AwsClients,
): WriteIotBatchToS3Deps {
  const settings = readIotToS3Settings(env);
  const s3 = clients?.s3 ?? observability.tracer.captureAWSv3Client(createS3Client());
  const sqs = clients?.sqs ?? observability.tracer.captureAWSv3Client(createSqsClient());
  return {
    s3,
    bucket: settings.bucket,
    prefix: settings.prefix,
    limits: settings.limits,
    dlq: createIotDlq({ s3, sqs }, settings.dlq),
    logger: observability.logger,
    metrics: observability.metrics,
  };
}
