/**
 * The Lambda Kafka trigger events, as Lambda delivers them for Amazon MSK (`aws:kafka`) and self-managed
 * Apache Kafka (`SelfManagedKafka`): records grouped under `<topic>-<partition>` keys, keys and values
 * base64, each header a one-entry object whose value is the header's bytes as an array of numbers.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html
 */

/** One header: `{ "<name>": [bytes…] }`. A record's headers keep their order; names may repeat. */
export type KafkaTriggerHeader = Record<string, number[]>;

/** How Kafka stamped the record (the topic's `message.timestamp.type`). */
export type KafkaTimestampType = 'CREATE_TIME' | 'LOG_APPEND_TIME' | 'NO_TIMESTAMP_TYPE';

/** One Kafka record of a trigger event. */
export interface KafkaTriggerRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch milliseconds. */
  timestamp: number;
  timestampType: KafkaTimestampType;
  /** Base64; absent (or null) when the record has no key. */
  key?: string | null;
  /** Base64; absent or null for a tombstone. */
  value?: string | null;
  headers: KafkaTriggerHeader[];
}

interface KafkaTriggerEventBase {
  /** Comma-separated `host:port` list. */
  bootstrapServers?: string;
  /** Records grouped by `<topic>-<partition>`, each group in offset order. */
  records: Record<string, KafkaTriggerRecord[]>;
}

/** The Amazon MSK trigger event. */
export interface MskTriggerEvent extends KafkaTriggerEventBase {
  eventSource: 'aws:kafka';
  /** The cluster ARN (or, cross-account, the managed VPC connection ARN). */
  eventSourceArn: string;
}

/** The self-managed Apache Kafka trigger event. */
export interface SelfManagedKafkaTriggerEvent extends KafkaTriggerEventBase {
  eventSource: 'SelfManagedKafka';
}

/** Either Kafka trigger event; the handlers accept both. */
export type KafkaTriggerEvent = MskTriggerEvent | SelfManagedKafkaTriggerEvent;

/** The records of one topic-partition in a batch, in offset order. */
export interface KafkaPartitionBatch {
  /** `<topic>-<partition>`, the key Lambda groups by and the partial batch response names. */
  key: string;
  topic: string;
  partition: number;
  records: KafkaTriggerRecord[];
}

/** A decoded header: its name and its bytes. */
export interface KafkaHeader {
  name: string;
  value: Buffer;
}
