import { packInOrder } from '../../shared/packInOrder';
import { type BridgeRecord, RECORD_BATCH_OVERHEAD } from './records';

/** Room left for GZIP's framing on incompressible data (deflate stored blocks add ~5 bytes per 16 KiB). */
const COMPRESSION_HEADROOM = 0.99;

/** True when the record cannot fit in any record batch the topic accepts: it belongs in the DLQ. */
export function exceedsTopicLimit(record: BridgeRecord, maxMessageBytes: number): boolean {
  return record.size + RECORD_BATCH_OVERHEAD > maxMessageBytes;
}

/** The most record bytes one produce request may carry so that any partition's batch stays under the limit. */
export function chunkBudget(maxMessageBytes: number, maxChunkBytes?: number): number {
  const topicBudget = Math.floor(maxMessageBytes * COMPRESSION_HEADROOM) - RECORD_BATCH_OVERHEAD;
  return Math.max(1, Math.min(topicBudget, maxChunkBytes ?? Number.POSITIVE_INFINITY));
}

/**
 * Splits records, in order, into consecutive chunks of at most `budget` bytes (a record larger than the
 * budget but within the topic's limit travels alone). Why not one send for the whole event: kafkajs puts all
 * of a partition's messages of one `sendBatch` into ONE record batch, and the broker refuses a batch over
 * `max.message.bytes` (MESSAGE_TOO_LARGE) — a 10,000 × 1 KiB event would fail whole. Budgeting the chunk's
 * total keeps every partition's share under the limit whatever the keys hash to.
 */
export function chunkRecords(records: readonly BridgeRecord[], budget: number): BridgeRecord[][] {
  return packInOrder(records, (record) => record.size, { maxBytes: budget });
}
