import { topicPartitionKey } from './decode';
import { KafkaBatchResponseError } from './errors';
import type { KafkaTriggerEvent, KafkaTriggerRecord } from './types';

/**
 * Kafka's partial batch response (`ReportBatchItemFailures` on a Kafka event source mapping): per failed
 * partition, the `<topic>-<partition>` key and the offset Lambda resumes from; records before it in that
 * partition count as processed, other partitions advance. An identifier that is not a record of the batch
 * fails the whole batch. Powertools TypeScript's batch utility has no Kafka type, hence this helper.
 * https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
 */
export interface KafkaItemIdentifier {
  partition: string;
  offset: number;
}

/** One failed partition of a Kafka batch. */
export interface KafkaBatchItemFailure {
  itemIdentifier: KafkaItemIdentifier;
}

/** What a Kafka-triggered handler returns; an empty list means the whole batch succeeded. */
export interface KafkaBatchResponse {
  batchItemFailures: KafkaBatchItemFailure[];
}

/** Enough of a record to name it in a partial batch response. */
export type KafkaRecordRef = Pick<KafkaTriggerRecord, 'topic' | 'partition' | 'offset'>;

function batchOffsets(event: KafkaTriggerEvent): Map<string, Set<number>> {
  const offsets = new Map<string, Set<number>>();
  for (const records of Object.values(event.records)) {
    for (const r of records) {
      const key = topicPartitionKey(r.topic, r.partition);
      offsets.set(key, (offsets.get(key) ?? new Set()).add(r.offset));
    }
  }
  return offsets;
}

/**
 * The partial batch response for these failed records: one identifier per failed partition, at its FIRST
 * failed offset (Lambda re-delivers from there), sorted by partition key. With `event`, every failure must
 * be a record of that batch (KafkaBatchResponseError otherwise).
 */
export function kafkaBatchResponse(
  failures: Iterable<KafkaRecordRef>,
  event?: KafkaTriggerEvent,
): KafkaBatchResponse {
  const first = new Map<string, number>();
  for (const failure of failures) {
    const key = topicPartitionKey(failure.topic, failure.partition);
    const seen = first.get(key);
    if (seen === undefined || failure.offset < seen) first.set(key, failure.offset);
  }
  if (event) {
    const offsets = batchOffsets(event);
    const unknown = [...first].filter(([key, offset]) => !offsets.get(key)?.has(offset));
    if (unknown.length > 0)
      throw new KafkaBatchResponseError(unknown.map(([key, offset]) => `${key}@${offset}`));
  }
  return {
    batchItemFailures: [...first]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([partition, offset]) => ({ itemIdentifier: { partition, offset } })),
  };
}

/** How Lambda reads a handler's result for a Kafka batch (what the local trigger stand-in mirrors). */
export type KafkaBatchOutcome =
  | { kind: 'success' }
  | { kind: 'partial'; resumeAt: Map<string, number> }
  | { kind: 'failure'; reason: string };

/**
 * Interprets a handler's result as Lambda does: nothing, `{}`, or an empty/null `batchItemFailures` is
 * success; valid identifiers of this batch resume their partitions at the lowest named offset; anything
 * malformed, or naming a record outside the batch, fails the whole batch.
 */
export function interpretKafkaBatchResponse(result: unknown, event: KafkaTriggerEvent): KafkaBatchOutcome {
  if (result === undefined || result === null || typeof result !== 'object') return { kind: 'success' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const offsets = batchOffsets(event);
  const resumeAt = new Map<string, number>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier as
      | Partial<KafkaItemIdentifier>
      | undefined;
    if (!id || typeof id.partition !== 'string' || !Number.isInteger(id.offset)) {
      return { kind: 'failure', reason: `malformed itemIdentifier ${JSON.stringify(id ?? null)}` };
    }
    const offset = id.offset as number;
    if (!offsets.get(id.partition)?.has(offset)) {
      return { kind: 'failure', reason: `itemIdentifier ${id.partition}@${offset} is not in the batch` };
    }
    const seen = resumeAt.get(id.partition);
    if (seen === undefined || offset < seen) resumeAt.set(id.partition, offset);
  }
  return { kind: 'partial', resumeAt };
}
