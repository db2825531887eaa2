import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import type {
  KafkaToS3Observability,
  WriteKafkaBatchToS3Deps,
} from '../../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import { Tracer } from '../../../../tasks/shared/observability/tracer';

/** Quiet Powertools instances (no log lines, no EMF output, tracing off). */
export function quietObservability(): KafkaToS3Observability {
  // Metrics read POWERTOOLS_METRICS_DISABLED when constructed.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logger = new Logger({ serviceName: 'kafka-to-s3-test', logLevel: 'SILENT' });
  return {
    logger,
    metrics: new Metrics({ serviceName: 'kafka-to-s3-test', namespace: 'MskFlowsTest', logger }),
    tracer: new Tracer({ serviceName: 'kafka-to-s3-test', enabled: false }),
  };
}

/** Core deps around an S3 client, with test defaults. */
export function testDeps(
  s3: S3Client,
  overrides: Partial<WriteKafkaBatchToS3Deps> = {},
): WriteKafkaBatchToS3Deps {
  const { logger, metrics } = quietObservability();
  return {
    s3,
    bucket: 'landing',
    prefix: 'topics',
    encoding: 'base64',
    concurrency: 4,
    logger,
    metrics,
    ...overrides,
  };
}

/** The Lambda context the Powertools middlewares read. */
export const lambdaContext = {
  functionName: 'kafka-to-s3',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:kafka-to-s3',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/kafka-to-s3',
  logStreamName: '2024/05/24/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;
