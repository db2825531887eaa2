import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { loadEvent } from '../../../helpers/loadEvent';

/** How to build a big Kinesis trigger event (1,000 / 10,000 records) shaped like the recorded one. */
export interface KinesisEventOptions {
  count: number;
  /** Distinct partition keys, used round-robin (`key-0` …); default 10. */
  keys?: number;
  /** The record's bytes; default a small JSON document naming its key and position. */
  value?: (index: number, key: string) => Buffer;
  /** Size of a record's value when `value` is not given: the JSON is padded to this many bytes. */
  valueBytes?: number;
  streamArn?: string;
  shardId?: string;
  /** First sequence number; later ones grow by a fixed step, like a shard's. */
  firstSequenceNumber?: bigint;
}

/** The recorded single-record event (test/events/kinesis-single-record.json), the template of every record. */
export function templateRecord(): KinesisStreamRecord {
  const [record] = loadEvent<KinesisStreamEvent>('kinesis-single-record').Records;
  if (!record) throw new Error('kinesis-single-record.json has no record');
  return record;
}

/** The key of record `index` when `keys` keys are used round-robin. */
export const keyOf = (index: number, keys = 10): string => `key-${index % keys}`;

/** The default value: `{"key","n"}` (n = position of the record within its key), padded with spaces. */
export function defaultValue(index: number, key: string, keys: number, valueBytes = 0): Buffer {
  const json = JSON.stringify({ key, n: Math.floor(index / keys), index });
  return Buffer.from(json.padEnd(valueBytes, ' '));
}

/** Random upper-case letters, what Kafka's ProducerPerformance sends for `--record-size`. */
export function letters(bytes: number, random: () => number = Math.random): Buffer {
  const buffer = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) buffer[i] = 65 + Math.floor(random() * 26);
  return buffer;
}

/** One record like the template, with the given key, value, position and stream. */
export function kinesisRecord(
  template: KinesisStreamRecord,
  fields: {
    key: string;
    value: Buffer;
    sequenceNumber: string;
    shardId: string;
    streamArn: string;
    arrival: number;
  },
): KinesisStreamRecord {
  return {
    ...template,
    kinesis: {
      ...template.kinesis,
      partitionKey: fields.key,
      sequenceNumber: fields.sequenceNumber,
      data: fields.value.toString('base64'),
      approximateArrivalTimestamp: fields.arrival,
    },
    eventID: `${fields.shardId}:${fields.sequenceNumber}`,
    eventSourceARN: fields.streamArn,
  };
}

/** A Kinesis trigger event of `count` records of one shard, in sequence order. */
export function kinesisEvent(options: KinesisEventOptions): KinesisStreamEvent {
  const template = templateRecord();
  const keys = options.keys ?? 10;
  const shardId = options.shardId ?? 'shardId-000000000000';
  const streamArn = options.streamArn ?? template.eventSourceARN;
  const first = options.firstSequenceNumber ?? BigInt(template.kinesis.sequenceNumber);
  const arrival = template.kinesis.approximateArrivalTimestamp;
  const Records = Array.from({ length: options.count }, (_, index) => {
    const key = keyOf(index, keys);
    const value = options.value
      ? options.value(index, key)
      : defaultValue(index, key, keys, options.valueBytes);
    return kinesisRecord(template, {
      key,
      value,
      sequenceNumber: String(first + BigInt(index) * 1_022_859_870_232_064n),
      shardId,
      streamArn,
      arrival: Math.round((arrival + index / 1000) * 1000) / 1000,
    });
  });
  return { Records };
}
