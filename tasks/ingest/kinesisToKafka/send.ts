import { PartlyAcknowledgedError, RecordRejectedError } from './errors';
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
  /** The first record of the chunk that failed for another reason, and why; Kinesis sends it and all after it again. */
  failure?: { record: BridgeRecord; error: unknown };
  /** Produce requests made (the producer's own retries not counted). */
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
 * Chunks sent before the oldest one in flight is acknowledged. With one, the bridge's thread sat idle while the
 * broker wrote each request; with two, it encodes the next chunk meanwhile (README, Performance). A partition's
 * batches still land in order: the producer numbers them in the order they are sent (idempotence), and the broker
 * appends a batch only right after the one numbered before it.
 */
export const CHUNKS_IN_FLIGHT = 2;

/** A sent chunk once Kafka answered: the records it took, those left to do, and why they were not taken. */
interface Answered {
  taken: BridgeRecord[];
  rest: BridgeRecord[];
  error?: unknown;
}

/**
 * What a failed send of `chunk` left to do: the records Kafka took anyway (their partitions acknowledged: the
 * producer says so with a PartlyAcknowledgedError), the rest, and the client's own error.
 */
function leftOver(chunk: BridgeRecord[], error: unknown): Answered {
  if (!(error instanceof PartlyAcknowledgedError)) return { taken: [], rest: chunk, error };
  const acknowledged = new Set(error.acknowledged);
  return {
    taken: chunk.filter((_, i) => acknowledged.has(i)),
    rest: chunk.filter((_, i) => !acknowledged.has(i)),
    error: error.cause,
  };
}

/**
 * Sends the chunks in order, up to `inFlight` at a time, and stops at the first chunk Kafka did not
 * acknowledge. A chunk refused with MESSAGE_TOO_LARGE or INVALID_RECORD is bisected until the refused record
 * stands alone; that record is set aside for the DLQ and the rest carry on, so one bad record never blocks the
 * shard. Of a failed chunk, the records whose partitions acknowledged them are done (PartlyAcknowledgedError);
 * only the rest is bisected or reported. The chunks sent behind a failed one are waited for: what Kafka took of
 * them is done; what it refused (the broker refuses a partition's later batches once one is refused) is sent
 * again after the bisected halves, or, when the failure ends the send, comes again when Kinesis retries from the
 * reported record.
 */
export async function sendInOrder(
  chunks: readonly BridgeRecord[][],
  topic: string,
  sender: ChunkSender,
  inFlight = CHUNKS_IN_FLIGHT,
): Promise<SendOutcome> {
  const outcome: SendOutcome = { acknowledged: new Set(), rejected: [], requests: 0 };
  const queue = chunks.filter((chunk) => chunk.length > 0);
  const sent: Promise<Answered>[] = [];
  const acknowledge = (records: readonly BridgeRecord[]) => {
    for (const record of records) outcome.acknowledged.add(record.index);
  };
  const fill = () => {
    while (sent.length < inFlight && queue.length > 0) {
      const chunk = queue.shift() as BridgeRecord[];
      outcome.requests++;
      const result = sender.send(
        topic,
        chunk.map((r) => r.message),
      );
      sent.push(
        result.then(
          (): Answered => ({ taken: chunk, rest: [] }),
          (error: unknown) => leftOver(chunk, error),
        ),
      );
    }
  };
  fill();
  for (let head = sent.shift(); head; head = sent.shift()) {
    const { taken, rest, error } = await head;
    acknowledge(taken);
    const [first] = rest;
    if (!first) {
      fill();
      continue;
    }
    // Nothing more is sent until the chunks in flight behind this one are answered.
    const behind = await Promise.all(sent.splice(0));
    for (const answered of behind) acknowledge(answered.taken);
    const resend = behind.map((answered) => answered.rest).filter((r) => r.length > 0);
    const type = kafkaErrorType(error);
    if (type === undefined || !RECORD_REJECTION_TYPES.has(type)) {
      outcome.failure = { record: first, error };
      return outcome;
    }
    if (rest.length === 1) {
      const context = { topic, shardId: first.shardId, sequenceNumber: first.sequenceNumber, type };
      outcome.rejected.push({ record: first, error: new RecordRejectedError(context, { cause: error }) });
      queue.unshift(...resend);
    } else {
      const middle = Math.ceil(rest.length / 2);
      queue.unshift(rest.slice(0, middle), rest.slice(middle), ...resend);
    }
    fill();
  }
  return outcome;
}
