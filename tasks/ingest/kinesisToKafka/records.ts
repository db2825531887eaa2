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

/** The shard id of a record: `eventID` is `<shardId>:<sequenceNumber>`. */
export function shardIdOf(record: KinesisStreamRecord): string {
  const colon = record.eventID.indexOf(':');
  return colon > 0 ? record.eventID.slice(0, colon) : record.eventID;
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
  for (const [name, value] of Object.entries(message.headers)) {
    size += MAX_VARINT + Buffer.byteLength(name) + MAX_VARINT + Buffer.byteLength(value);
  }
  return size;
}

/**
 * Decodes a trigger batch into Kafka messages: key = partition key (so one key keeps its order), value =
 * the record's bytes as sent to Kinesis, headers = stream ARN, shard id, sequence number, arrival time.
 * The Kafka timestamp is left to the producer (now): an old arrival time as `CreateTime` could fall foul of
 * the topic's retention or `log.message.timestamp.before.max.ms`. KPL-aggregated records are passed on as
 * they are (still aggregated).
 */
export function toBridgeRecords(records: readonly KinesisStreamRecord[]): BridgeRecord[] {
  return records.map((source, index) => {
    const { kinesis } = source;
    const shardId = shardIdOf(source);
    const message: BridgeMessage = {
      key: kinesis.partitionKey,
      value: Buffer.from(kinesis.data, 'base64'),
      headers: {
        [BRIDGE_HEADERS.streamArn]: source.eventSourceARN,
        [BRIDGE_HEADERS.shardId]: shardId,
        [BRIDGE_HEADERS.sequenceNumber]: kinesis.sequenceNumber,
        [BRIDGE_HEADERS.arrivalTimestamp]: String(Math.round(kinesis.approximateArrivalTimestamp * 1000)),
      },
    };
    return {
      index,
      shardId,
      sequenceNumber: kinesis.sequenceNumber,
      source,
      message,
      size: recordSizeUpperBound(message),
    };
  });
}
