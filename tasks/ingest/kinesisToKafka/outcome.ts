import type { KinesisStreamBatchItemFailure } from 'aws-lambda';

/** Where a record sat in the event, and what a partial batch response can name it by. */
export interface RecordPosition {
  /** Position in the event, which is the shard's order. */
  index: number;
  shardId?: string;
  /** Absent only for a malformed record that had none. */
  sequenceNumber?: string;
}

const shardOf = (record: RecordPosition): string => record.shardId ?? '';

/**
 * Per shard, the first record with a sequence number that is neither acknowledged by Kafka nor parked in the
 * DLQ. `records` must be in event order.
 */
export function firstUnfinished<T extends RecordPosition>(
  records: readonly T[],
  done: (record: T) => boolean,
): T[] {
  const seen = new Set<string>();
  const first: T[] = [];
  for (const record of records) {
    if (record.sequenceNumber === undefined || seen.has(shardOf(record)) || done(record)) continue;
    seen.add(shardOf(record));
    first.push(record);
  }
  return first;
}

/**
 * The first unfinished record that has no sequence number and comes before every reported one: no partial
 * batch response can make Lambda deliver it again, so only failing the whole invocation can.
 */
export function firstUnreportable<T extends RecordPosition>(
  records: readonly T[],
  done: (record: T) => boolean,
  reported: readonly RecordPosition[],
): T | undefined {
  const earliest = Math.min(...reported.map((r) => r.index));
  return records.find((r) => r.sequenceNumber === undefined && !done(r) && r.index < earliest);
}

/**
 * The partial batch response. Lambda checkpoints a Kinesis shard at the lowest reported sequence number and
 * delivers everything from it on again, so reporting each shard's first unfinished record never reports a
 * record as done that Kafka did not take.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 * (A trigger batch holds one shard; several shards only occur in hand-written events.)
 */
export function batchItemFailures(unfinished: readonly RecordPosition[]): KinesisStreamBatchItemFailure[] {
  return unfinished.flatMap((record) =>
    record.sequenceNumber === undefined ? [] : [{ itemIdentifier: record.sequenceNumber }],
  );
}

/** How many records Kinesis will deliver again: each shard's records from its first unfinished one on. */
export function countRetried(
  records: readonly RecordPosition[],
  unfinished: readonly RecordPosition[],
): number {
  const from = new Map(unfinished.map((r) => [shardOf(r), r.index]));
  return records.filter((r) => r.index >= (from.get(shardOf(r)) ?? Number.POSITIVE_INFINITY)).length;
}
