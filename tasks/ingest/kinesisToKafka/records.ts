import type { KinesisStreamRecord } from 'aws-lambda';

/** Kafka headers the bridge adds to every record, so a consumer can trace it back to Kinesis. */
export const BRIDGE_HEADERS = {
  streamArn: 'kinesis-stream-arn',
  shardId: 'kinesis-shard-id',
  sequenceNumber: 'kinesis-sequence-number',
  /** Approximate arrival time in Kinesis, epoch milliseconds. */
  arrivalTimestamp: 'kinesis-arrival-timestamp',
} as const;

/** Fixed part of a Kafka record batch (v2): base offset … record count. */
export const RECORD_BATCH_OVERHEAD = 61;

/** The Kafka message the bridge produces for one Kinesis record. */
export interface BridgeMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition?: number;
}

/** One Kinesis record on its way to Kafka, with where it came from. */
export interface BridgeRecord {
  /** Position in the event, which is the shard's order. */
  index: number;
  shardId: string;
  sequenceNumber: string;
  source: KinesisStreamRecord;
  message: BridgeMessage;
  /** Upper bound of the record's bytes inside a Kafka record batch (uncompressed). */
  size: number;
}

const MAX_VARINT = 5; // lengths are int32 varints
const MAX_VARLONG = 10; // the timestamp delta is a varlong

/**
 * Upper bound of one record's size in a v2 record batch (KIP-98): length, attributes, timestamp and offset
 * deltas, key, value and headers, each length a varint. Bounded rather than exact so a record that passes
 * never fails the broker's `max.message.bytes` check on its own.
 */
export function recordSizeUpperBound(message: BridgeMessage): number {
  let size = MAX_VARINT + 1 + MAX_VARLONG + MAX_VARINT; // length, attributes, timestampDelta, offsetDelta
  size += MAX_VARINT + Buffer.byteLength(message.key) + MAX_VARINT + message.value.length;
  size += MAX_VARINT; // header count
  for (const name in message.headers) {
    size +=
      MAX_VARINT + Buffer.byteLength(name) + MAX_VARINT + Buffer.byteLength(message.headers[name] as string);
  }
  return size;
}
