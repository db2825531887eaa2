import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../shared/aws/clients';
import { readKafkaToS3Settings } from './config';
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
 * PAYLOAD_ENCODING, PUT_CONCURRENCY; the SDK's AWS_REGION, AWS_ENDPOINT_URL_S3 …). Call once per container.
 */
export function kafkaToS3Clients(
  env: NodeJS.ProcessEnv = process.env,
  observability: KafkaToS3Observability = kafkaToS3Observability,
  s3?: S3Client,
): WriteKafkaBatchToS3Deps {
  const settings = readKafkaToS3Settings(env);
  return {
    s3: s3 ?? observability.tracer.captureAWSv3Client(createS3Client({ env })),
    ...settings,
    logger: observability.logger,
    metrics: observability.metrics,
  };
}
