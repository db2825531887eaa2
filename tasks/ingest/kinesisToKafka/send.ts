import { RecordRejectedError } from './errors';
import type { ChunkSender } from './producer';
import type { BridgeRecord } from './records';

/** Broker answers that condemn a record for good: no retry can make it fit or valid. */
export const RECORD_REJECTION_TYPES: ReadonlySet<string> = new Set(['MESSAGE_TOO_LARGE', 'INVALID_RECORD']);

/** What happened to the chunks, in order. */
export interface SendOutcome {
  /** Indexes of the records Kafka acknowledged (acks=-1). */
  acknowledged: Set<number>;
  /** Records the broker refused for good, to be dead-lettered. */
  rejected: { record: BridgeRecord; error: RecordRejectedError }[];
  /** The first record of the chunk that failed for another reason, and why; nothing after it was sent. */
  failure?: { record: BridgeRecord; error: unknown };
  /** Produce requests made (retries inside kafkajs not counted). */
  requests: number;
}

/** The Kafka protocol error type of a (possibly wrapped) kafkajs error. */
export function kafkaErrorType(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const { type, cause, originalError } = current as {
      type?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof type === 'string') return type;
    current = cause ?? originalError;
  }
  return undefined;
}

/**
 * Sends the chunks one after another (so each partition receives the records in the event's order) and
 * stops at the first chunk Kafka did not acknowledge. A chunk refused with MESSAGE_TOO_LARGE or
 * INVALID_RECORD is bisected until the refused record stands alone; that record is set aside for the DLQ and
 * the rest carry on, so one bad record never blocks the shard.
 */
export async function sendInOrder(
  chunks: readonly BridgeRecord[][],
  topic: string,
  sender: ChunkSender,
): Promise<SendOutcome> {
  const outcome: SendOutcome = { acknowledged: new Set(), rejected: [], requests: 0 };
  const queue = [...chunks];
  for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
    if (chunk.length === 0) continue;
    try {
      outcome.requests++;
      await sender.send(
        topic,
        chunk.map((r) => r.message),
      );
      for (const record of chunk) outcome.acknowledged.add(record.index);
    } catch (error) {
      const type = kafkaErrorType(error);
      const [first] = chunk as [BridgeRecord, ...BridgeRecord[]];
      if (type === undefined || !RECORD_REJECTION_TYPES.has(type)) {
        outcome.failure = { record: first, error };
        return outcome;
      }
      if (chunk.length === 1) {
        const context = { topic, shardId: first.shardId, sequenceNumber: first.sequenceNumber, type };
        outcome.rejected.push({ record: first, error: new RecordRejectedError(context, { cause: error }) });
        continue;
      }
      const middle = Math.ceil(chunk.length / 2);
      queue.unshift(chunk.slice(0, middle), chunk.slice(middle));
    }
  }
  return outcome;
}
