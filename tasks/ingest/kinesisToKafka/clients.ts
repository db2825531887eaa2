import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { platformaticAdminOptions, withPlatformaticAdmin } from '../../onboarding/kafka/platformaticAdmin';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import { Tracer } from '../../shared/observability/tracer';
import type { BridgeKinesisBatchDeps, BridgeObservability } from './bridgeKinesisBatch';
import type { BridgeSettings } from './config';
import { dlqDeadLetter } from './deadLetter';
import { type BridgeProducer, createBridgeProducer, ReusableProducer } from './producer';
import { cachedTopicLimits, kafkaTopicLimits, type TopicLimits, type WithAdmin } from './topicLimits';

const serviceName = 'kinesis-to-kafka';

/** The function's Powertools logger, metrics (namespace `POWERTOOLS_METRICS_NAMESPACE`, default MskFlows), tracer. */
export function bridgeObservability(env: NodeJS.ProcessEnv = process.env): BridgeObservability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows' }),
    tracer: new Tracer({ serviceName }),
  };
}

/** The AWS clients and Kafka auth dependencies the bridge's deps are built from. */
export interface BridgeClientOptions {
  observability: Pick<BridgeKinesisBatchDeps, 'logger' | 'metrics'>;
  /** Created (and their packages loaded) on first use: a batch without dead letters never needs them. */
  sqs: () => SQSClient | Promise<SQSClient>;
  s3: () => S3Client | Promise<S3Client>;
  /** Secrets Manager client and MSK IAM signer (tests swap them). */
  kafka?: KafkaAuthDeps;
}

/**
 * Builds the bridge's deps from its settings: one reusable idempotent BatchProducer (over a @platformatic/kafka
 * client) with Java's key partitioning and the configured codec, the topic's limits read once (then every 10 minutes),
 * the DLQ.
 */
export function buildBridgeDeps(
  settings: BridgeSettings,
  options: BridgeClientOptions,
): BridgeKinesisBatchDeps & { sender: ReusableProducer } {
  const { logger, metrics } = options.observability;
  const auth = options.kafka ?? {};
  const createProducer = async (): Promise<BridgeProducer> =>
    createBridgeProducer(await platformaticAdminOptions(settings.connection, auth), settings.compression);
  const withAdmin: WithAdmin = (fn) =>
    withPlatformaticAdmin(settings.connection, 'describeConfigs', fn, auth);
  const override = settings.maxMessageBytes;
  const topicLimits = override
    ? async (): Promise<TopicLimits> => ({ maxMessageBytes: override, source: 'override' })
    : cachedTopicLimits(
        kafkaTopicLimits(withAdmin, settings.topic, (error) =>
          logger.warn('no DescribeConfigs on the topic; assuming Kafka default max.message.bytes', {
            topic: settings.topic,
            error: error.name,
          }),
        ),
      );
  return {
    topic: settings.topic,
    sender: new ReusableProducer(createProducer),
    topicLimits,
    deadLetter: dlqDeadLetter(async () => ({
      sqs: await options.sqs(),
      s3: await options.s3(),
      queueUrl: settings.dlq.queueUrl,
      claimCheckBucket: settings.dlq.bucket,
      ...(settings.dlq.prefix ? { claimCheckPrefix: settings.dlq.prefix } : {}),
    })),
    logger,
    metrics,
    ...(settings.maxChunkBytes ? { maxChunkBytes: settings.maxChunkBytes } : {}),
  };
}
