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

/** Every Kafka protocol error type inside an error: kafkajs `type`, @platformatic/kafka `apiId`, nested. */
function protocolTypes(error: unknown, depth = 0): string[] {
  if (depth > 8 || !error || typeof error !== 'object') return [];
  const { type, apiId, cause, originalError, errors } = error as Record<string, unknown>;
  const own = [type, apiId].filter((t): t is string => typeof t === 'string');
  const nested = [...(Array.isArray(errors) ? errors : []), cause, originalError];
  return [...own, ...nested.flatMap((inner) => protocolTypes(inner, depth + 1))];
}

/**
 * The Kafka protocol error type of a (possibly wrapped, possibly per-broker aggregated) client error. When a
 * produce request failed for several reasons, a reason that is not about the records wins: only when every
 * reason is a record rejection is the chunk bisected.
 */
export function kafkaErrorType(error: unknown): string | undefined {
  const types = protocolTypes(error);
  return types.find((t) => !RECORD_REJECTION_TYPES.has(t)) ?? types[0];
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
