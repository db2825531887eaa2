/**
 * One record a replay delivers, whatever it came from: a DLQ envelope, a Kafka or Kinesis on-failure
 * range read back from its source, or a plain SQS message. Bytes stay bytes; headers keep their order
 * and repeated names.
 */

/** Where a record originally lived. */
export type RecordOrigin =
  | { kind: 'kafka'; topic: string; partition: number; offset: string; timestamp?: number }
  | { kind: 'kinesis'; streamArn: string; shardId: string; sequenceNumber: string; arrivedAt?: string }
  | { kind: 'mqtt'; topic: string; clientId: string; receivedAt: string }
  | { kind: 'sqs'; queueUrl: string; messageId: string };

/** A record ready to deliver. */
export interface ReplayRecord {
  /** Stable identity (`kafka:<topic>:<partition>:<offset>` …): one record is delivered once per round. */
  id: string;
  origin: RecordOrigin;
  key: Buffer | null;
  value: Buffer | null;
  /** The record's own headers, in order (names may repeat). */
  headers: [string, Buffer][];
  /** This replay's attempt number: the record's `replay-attempt` header plus one. */
  attempt: number;
  /** When it failed (ISO 8601), and why, when known. */
  failedAt?: string;
  errorName?: string;
  /** For plain SQS messages: their message attributes, re-sent as they were. */
  sqsAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>;
}

/** Headers a replay adds, so a consumer can tell a replayed record and where it came from. */
export const REPLAY_HEADERS = {
  id: 'replay-id',
  attempt: 'replay-attempt',
  source: 'replay-source',
} as const;

/** Identity of a record from its origin. */
export function recordId(origin: RecordOrigin): string {
  switch (origin.kind) {
    case 'kafka':
      return `kafka:${origin.topic}:${origin.partition}:${origin.offset}`;
    case 'kinesis':
      return `kinesis:${origin.streamArn}:${origin.shardId}:${origin.sequenceNumber}`;
    case 'mqtt':
      return `mqtt:${origin.topic}:${origin.clientId}:${origin.receivedAt}`;
    case 'sqs':
      return `sqs:${origin.messageId}`;
  }
}

/** Where a record came from, as one header value: `kafka:orders.events/3@1042`, `kinesis:<arn>/<shard>@<seq>` … */
export function sourceHeaderValue(origin: RecordOrigin): string {
  switch (origin.kind) {
    case 'kafka':
      return `kafka:${origin.topic}/${origin.partition}@${origin.offset}`;
    case 'kinesis':
      return `kinesis:${origin.streamArn}/${origin.shardId}@${origin.sequenceNumber}`;
    case 'mqtt':
      return `mqtt:${origin.topic}@${origin.receivedAt}`;
    case 'sqs':
      return `sqs:${origin.queueUrl}#${origin.messageId}`;
  }
}

/** The attempt number of the next replay: one more than the record's last `replay-attempt` header. */
export function nextAttempt(headers: readonly [string, Buffer][]): number {
  let last = 0;
  for (const [name, value] of headers) {
    if (name !== REPLAY_HEADERS.attempt) continue;
    const n = Number(value.toString('utf8'));
    if (Number.isInteger(n) && n > 0) last = n;
  }
  return last + 1;
}

/**
 * The headers a replayed record carries: its own (earlier replay headers dropped, so they never pile
 * up) followed by `replay-id`, `replay-attempt` and `replay-source`.
 */
export function replayHeaders(record: ReplayRecord, replayId: string): [string, Buffer][] {
  const own = record.headers.filter(
    ([name]) =>
      name !== REPLAY_HEADERS.id && name !== REPLAY_HEADERS.attempt && name !== REPLAY_HEADERS.source,
  );
  return [
    ...own,
    [REPLAY_HEADERS.id, Buffer.from(replayId)],
    [REPLAY_HEADERS.attempt, Buffer.from(String(record.attempt))],
    [REPLAY_HEADERS.source, Buffer.from(sourceHeaderValue(record.origin))],
  ];
}

/** Bytes a record occupies on the wire, roughly (key, value, headers): for packing produce requests. */
export function recordBytes(record: ReplayRecord): number {
  const headers = record.headers.reduce((sum, [name, value]) => sum + name.length + value.length + 8, 0);
  return (record.key?.length ?? 0) + (record.value?.length ?? 0) + headers + 160;
}
