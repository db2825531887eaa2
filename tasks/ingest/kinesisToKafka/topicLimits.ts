import { type Admin, ConfigResourceTypes } from '@platformatic/kafka';
import { toKafkaErrorFromPlatformatic } from '../../onboarding/kafka/platformaticErrors';
import { KafkaAuthorizationError, KafkaError, toKafkaError } from '../../shared/kafka/errors';

/** What the bridge must know about the target topic before producing to it. */
export interface TopicLimits {
  /** The largest record batch the topic accepts (`max.message.bytes`). */
  maxMessageBytes: number;
  /** Where the value came from: the broker, the `TOPIC_MAX_MESSAGE_BYTES` override, or Kafka's default. */
  source: 'describeConfigs' | 'override' | 'default';
}

/** Kafka's default `message.max.bytes` (1 MiB + record batch overhead), also MSK's. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** Runs `fn` with an admin client of the bridge's cluster and closes it (withPlatformaticAdmin). */
export type WithAdmin = <T>(fn: (admin: Admin) => Promise<T>) => Promise<T>;

/** Reads the topic's effective `max.message.bytes` (its own override or the broker default) with DescribeConfigs. */
export async function describeTopicLimits(admin: Admin, topic: string): Promise<TopicLimits> {
  const [described] = await admin.describeConfigs({
    resources: [
      {
        resourceType: ConfigResourceTypes.TOPIC,
        resourceName: topic,
        configurationKeys: ['max.message.bytes'],
      },
    ],
  });
  const entry = described?.configs.find((c) => c.name === 'max.message.bytes');
  const value = Number(entry?.value);
  if (!Number.isInteger(value) || value <= 0) {
    throw toKafkaError(new Error(`Topic ${topic} reported no usable max.message.bytes`), {
      topic,
      operation: 'describeConfigs',
    });
  }
  return { maxMessageBytes: value, source: 'describeConfigs' };
}

/** Options of the per-container cache of the topic's limits. */
export interface TopicLimitsCacheOptions {
  /** How long a read value is trusted; a changed topic config is picked up after this. */
  ttlMs?: number;
  now?: () => number;
}

/** Wraps `load` so it runs once per `ttlMs` (a failed load is not cached, so the next invocation retries). */
export function cachedTopicLimits(
  load: () => Promise<TopicLimits>,
  options: TopicLimitsCacheOptions = {},
): () => Promise<TopicLimits> {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; value: Promise<TopicLimits> } | undefined;
  return () => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const entry = { at: now(), value: load() };
    cached = entry;
    entry.value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.value;
  };
}

/**
 * The limits of `topic` on the cluster, read with a short-lived admin client. A principal without
 * DescribeConfigs on the topic gets Kafka's default instead (and `onFallback` is told): the broker still
 * refuses a batch over the real limit, and the bridge bisects and dead-letters such records then.
 */
export function kafkaTopicLimits(
  withAdmin: WithAdmin,
  topic: string,
  onFallback: (error: KafkaAuthorizationError) => void = () => {},
): () => Promise<TopicLimits> {
  return async () => {
    try {
      return await withAdmin((admin) => describeTopicLimits(admin, topic));
    } catch (error) {
      const mapped = toKafkaErrorFromPlatformatic(error, { topic, operation: 'describeConfigs' });
      const typed =
        mapped instanceof KafkaError ? mapped : toKafkaError(mapped, { topic, operation: 'describeConfigs' });
      typed.context.topic ??= topic;
      if (!(typed instanceof KafkaAuthorizationError)) throw typed;
      onFallback(typed);
      return { maxMessageBytes: KAFKA_DEFAULT_MAX_MESSAGE_BYTES, source: 'default' };
    }
  };
}
