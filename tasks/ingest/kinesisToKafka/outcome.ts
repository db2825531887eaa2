import type { KinesisStreamBatchItemFailure } from 'aws-lambda';
import type { BridgeRecord } from './records';

/** Per shard, the first record that is neither acknowledged by Kafka nor parked in the DLQ. */
export function firstUnfinished(
  records: readonly BridgeRecord[],
  done: (record: BridgeRecord) => boolean,
): BridgeRecord[] {
  const seen = new Set<string>();
  const first: BridgeRecord[] = [];
  for (const record of records) {
    if (seen.has(record.shardId) || done(record)) continue;
    seen.add(record.shardId);
    first.push(record);
  }
  return first;
}

/**
 * The partial batch response. Lambda checkpoints a Kinesis shard at the lowest reported sequence number and
 * delivers everything from it on again, so reporting each shard's first unfinished record never reports a
 * record as done that Kafka did not take.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 * (A trigger batch holds one shard; several shards only occur in hand-written events.)
 */
export function batchItemFailures(unfinished: readonly BridgeRecord[]): KinesisStreamBatchItemFailure[] {
  return unfinished.map((record) => ({ itemIdentifier: record.sequenceNumber }));
}

/** How many records Kinesis will deliver again: each shard's records from its first unfinished one on. */
export function countRetried(records: readonly BridgeRecord[], unfinished: readonly BridgeRecord[]): number {
  const from = new Map(unfinished.map((r) => [r.shardId, r.index]));
  return records.filter((r) => r.index >= (from.get(r.shardId) ?? Number.POSITIVE_INFINITY)).length;
}
