import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type Kafka, logLevel } from 'kafkajs';
import { getKafka, type KafkaClientDeps } from '../../shared/kafka/client';
import type { BridgeKinesisBatchDeps, BridgeObservability } from './bridgeKinesisBatch';
import type { BridgeSettings } from './config';
import { dlqDeadLetter } from './deadLetter';
import { ReusableProducer } from './producer';
import { cachedTopicLimits, kafkaTopicLimits, type TopicLimits } from './topicLimits';

const serviceName = 'kinesis-to-kafka';

/** The function's Powertools logger, metrics (namespace `POWERTOOLS_METRICS_NAMESPACE`, default MskFlows), tracer. */
export function bridgeObservability(env: NodeJS.ProcessEnv = process.env): BridgeObservability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ serviceName, namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows' }),
    tracer: new Tracer({ serviceName }),
  };
}

/** The AWS clients and Kafka client options the bridge's deps are built from. */
export interface BridgeClientOptions {
  observability: Pick<BridgeKinesisBatchDeps, 'logger' | 'metrics'>;
  /** Created on first use: a batch without dead letters never needs them. */
  sqs: () => SQSClient;
  s3: () => S3Client;
  kafka?: KafkaClientDeps;
}

/**
 * Builds the bridge's deps from its settings: the container's Kafka client (shared per connection), one
 * reusable idempotent producer, the topic's limits read once (then every 10 minutes), the DLQ.
 */
export function buildBridgeDeps(
  settings: BridgeSettings,
  options: BridgeClientOptions,
): BridgeKinesisBatchDeps & { sender: ReusableProducer } {
  const { logger, metrics } = options.observability;
  // kafkajs warns on every producer creation that bounded retries weaken idempotence (see producer.ts):
  // known and intended, so only its errors are logged.
  const kafkaDeps: KafkaClientDeps = {
    ...options.kafka,
    options: { logLevel: logLevel.ERROR, ...options.kafka?.options },
  };
  const kafka = (): Promise<Kafka> => getKafka(settings.connection, kafkaDeps);
  const override = settings.maxMessageBytes;
  const topicLimits = override
    ? async (): Promise<TopicLimits> => ({ maxMessageBytes: override, source: 'override' })
    : cachedTopicLimits(
        kafkaTopicLimits(kafka, settings.topic, (error) =>
          logger.warn('no DescribeConfigs on the topic; assuming Kafka default max.message.bytes', {
            topic: settings.topic,
            error: error.name,
          }),
        ),
      );
  return {
    topic: settings.topic,
    sender: new ReusableProducer(kafka),
    topicLimits,
    deadLetter: dlqDeadLetter(() => ({
      sqs: options.sqs(),
      s3: options.s3(),
      queueUrl: settings.dlq.queueUrl,
      claimCheckBucket: settings.dlq.bucket,
      ...(settings.dlq.prefix ? { claimCheckPrefix: settings.dlq.prefix } : {}),
    })),
    logger,
    metrics,
    ...(settings.maxChunkBytes ? { maxChunkBytes: settings.maxChunkBytes } : {}),
  };
}
