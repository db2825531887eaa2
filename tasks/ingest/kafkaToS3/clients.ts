import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createS3Client, createSqsClient } from '../../shared/aws/clients';
import { Tracer } from '../../shared/observability/tracer';
import { readKafkaToS3Settings } from './config';
import { createKafkaToS3Dlq } from './dlq';
import type { KafkaToS3Observability, WriteKafkaBatchToS3Deps } from './writeKafkaBatchToS3';

const serviceName = 'kafka-to-s3';

/** The container's logger, metrics (namespace `POWERTOOLS_METRICS_NAMESPACE`, default `MskFlows`) and tracer. */
const logger = new Logger({ serviceName });
export const kafkaToS3Observability: KafkaToS3Observability = {
  logger,
  // Metrics' own warnings (e.g. nothing to publish) go through the JSON logger, EMF still to stdout.
  metrics: new Metrics({
    serviceName,
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows',
    logger,
  }),
  tracer: new Tracer({ serviceName }),
};

/**
 * Builds the core's deps from the environment (`readKafkaToS3Settings`: BUCKET, PREFIX, KMS_KEY_ARN,
 * PAYLOAD_ENCODING, PUT_CONCURRENCY, DLQ_*; the SDK's AWS_REGION, AWS_ENDPOINT_URL_S3 …). Call once per
 * container; the SQS client is only created when a DLQ is configured.
 */
export function kafkaToS3Clients(
  env: NodeJS.ProcessEnv = process.env,
  observability: KafkaToS3Observability = kafkaToS3Observability,
  s3?: S3Client,
  sqs?: SQSClient,
): WriteKafkaBatchToS3Deps {
  const { dlq, ...settings } = readKafkaToS3Settings(env);
  const s3Client = s3 ?? observability.tracer.captureAWSv3Client(createS3Client({ env }));
  return {
    s3: s3Client,
    ...settings,
    ...(dlq
      ? {
          dlq: createKafkaToS3Dlq(
            { s3: s3Client, sqs: sqs ?? observability.tracer.captureAWSv3Client(createSqsClient({ env })) },
            dlq,
          ),
        }
      : {}),
    logger: observability.logger,
    metrics: observability.metrics,
  };
}
