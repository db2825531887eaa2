import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Broker,
  type ClusterMetadata,
  type Connection,
  findErrorBy,
  GenericError,
  MultipleErrors,
  type Producer,
  type ProducerInfo,
  ResponseError,
  UserError,
} from '@platformatic/kafka';
import { javaPartitionFor } from '../../shared/kafka/javaPartitioner';
import type { BridgeCompression } from './config';
import { PartlyAcknowledgedError } from './errors';
import { type PartitionBatch, produceBatches } from './produceRequest';
import { type BatchRecord, encodeRecordBatch } from './recordBatch';

/** The @platformatic/kafka client a BatchProducer borrows: its metadata, connections and InitProducerId. */
export type BatchProducerClient = Pick<
  Producer,
  'metadata' | 'connections' | 'initIdempotentProducer' | 'close'
>;

export interface BatchProducerSettings {
  compression: BridgeCompression;
  /** Produce request `timeout_ms`: how long the broker may wait for the in-sync replicas. */
  timeoutMs: number;
  /** Retries of a retriable failure (the same bytes, so the broker drops what it already has). */
  retries: number;
  retryDelayMs: number;
}

const MAX_SEQUENCE = 0x7fffffff;

/** Kafka's `DefaultRecordBatch.incrementSequence`: sequence numbers wrap to 0 after Int.MAX_VALUE. */
export function incrementSequence(sequence: number, increment: number): number {
  return sequence > MAX_SEQUENCE - increment
    ? increment - (MAX_SEQUENCE - sequence) - 1
    : sequence + increment;
}

const OUT_OF_ORDER = 'OUT_OF_ORDER_SEQUENCE_NUMBER';

/**
 * Only @platformatic/kafka's own errors say whether they can be retried; anything else is not retried. A send
 * queued `behind` one that had not settled may also retry OUT_OF_ORDER_SEQUENCE_NUMBER: the broker refuses a
 * partition's batch while the batch numbered before it is still being retried, and takes it once that one is in.
 */
function retriable(error: unknown, behind: boolean): boolean {
  if (!(error instanceof Error) || !GenericError.isGenericError(error)) return false;
  if (!findErrorBy(error, 'canRetry', false)) return true;
  return (
    behind &&
    error instanceof ResponseError &&
    error.errors.every((e) => findErrorBy(e, 'canRetry', false) === null || e.apiId === OUT_OF_ORDER)
  );
}

/** The partitions a produce response refused (all of them when there is no response, as on a network error). */
function refusedPartitions(error: unknown, sent: readonly PartitionBatch[]): PartitionBatch[] {
  const response =
    error instanceof ResponseError ? (error.response as ProduceResponseShape | undefined) : undefined;
  if (!response?.responses) return [...sent];
  const refused = new Set<number>();
  for (const topic of response.responses)
    for (const p of topic.partitionResponses) if (p.errorCode !== 0) refused.add(p.index);
  const named = sent.filter((b) => refused.has(b.partition));
  return named.length > 0 ? named : [...sent];
}

/** One produce request of an attempt: its batches, and its answer (undefined when acknowledged). */
interface AttemptRequest {
  list: readonly PartitionBatch[];
  result: Promise<{ error: unknown } | undefined>;
}
type Attempt = AttemptRequest[];

/** Per partition, the positions of its records in the records a send was given. */
type Positions = Map<number, number[]>;

/** A send's records as numbered and queued: where each partition's records were, and the first attempt. */
interface Dispatched {
  positions: Positions;
  first: Attempt;
}

/** The send called just before one: whether it was still unsettled then, and its settling (true: acknowledged). */
interface PreviousSend {
  pending: boolean;
  settled: Promise<boolean>;
}

interface ProduceResponseShape {
  responses?: { partitionResponses: { index: number; errorCode: number }[] }[];
}

/**
 * An idempotent producer session (KIP-98) that writes each partition's record batch in one buffer
 * (recordBatch.ts) and sends it with Produce v9 over @platformatic/kafka's connections, which own the socket,
 * TLS and SASL. @platformatic/kafka's own encoder, building each record from small buffers and copying them into
 * the request again, was a large part of the bridge's CPU (README, Performance).
 *
 * One `send` is one produce request per partition leader, resolved only when every partition acknowledged
 * (`acks=-1`). A retriable failure (a leader change, a dropped connection, NOT_ENOUGH_REPLICAS …) resends the
 * refused partitions' very bytes after fresh metadata: their sequence numbers are unchanged, so the broker
 * drops a batch it already wrote and per-partition order holds. Any other failure, or retries running out,
 * rejects: the caller must then close this session; the next one gets a new producer id.
 *
 * Sends may overlap (the bridge keeps two chunks in flight): a send's retries wait until the send before it has
 * settled, so a partition's batches are resent in the order they were numbered, as Java's idempotent producer
 * does with several requests in flight; when the send before failed, this one fails too, without retrying.
 */
export class BatchProducer {
  readonly #client: BatchProducerClient;
  readonly #settings: BatchProducerSettings;
  readonly #sequences = new Map<string, number>();
  #producer: Promise<ProducerInfo> | undefined;
  /** Settles when the last send's requests are queued: the next send queues after them. */
  #dispatched: Promise<void> = Promise.resolve();
  /** Settles, true when acknowledged, when the last send settled: the next send retries only after it. */
  #settled: Promise<boolean> = Promise.resolve(true);
  /** Sends called and not yet settled. */
  #unsettled = 0;

  constructor(client: BatchProducerClient, settings: BatchProducerSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  /**
   * Produces `records` to `topic`, each to the partition Java's default partitioner picks for its key. Sends may
   * overlap: their produce requests are numbered and queued on the connections in the order `send` was called,
   * so a chunk can be encoded while the one before it waits for its acknowledgement. The broker appends a
   * partition's batch only right after the one numbered before it, so a batch never lands ahead of an earlier
   * one that failed (it is refused with OUT_OF_ORDER_SEQUENCE_NUMBER, retried only once the send before it is in).
   * A send that fails after some partitions took their batches rejects with a PartlyAcknowledgedError naming
   * those records (their positions in `records`).
   */
  send(topic: string, records: readonly BatchRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const before = { settled: this.#settled, pending: this.#unsettled > 0 };
    this.#unsettled++;
    const dispatched = this.#dispatched.then(() => this.#dispatch(topic, records));
    this.#dispatched = dispatched.then(
      () => undefined,
      () => undefined,
    );
    const settled = dispatched.then((sent) => this.#settle(topic, sent, before));
    this.#settled = settled.then(
      () => true,
      () => false,
    );
    void this.#settled.then(() => this.#unsettled--);
    return settled;
  }

  /** Closes the client once every send has settled: a send in flight still gets its answer (and its retries). */
  async close(): Promise<void> {
    await this.#settled;
    await this.#client.close();
  }

  /** Numbers and encodes the records' batches and queues their first produce requests. */
  async #dispatch(topic: string, records: readonly BatchRecord[]): Promise<Dispatched> {
    this.#producer ??= this.#client.initIdempotentProducer({});
    const producer = await this.#producer;
    const metadata = await this.#client.metadata({ topics: [topic], autocreateTopics: false });
    const partitions = metadata.topics.get(topic)?.partitionsCount ?? 0;
    if (partitions < 1) throw new UserError(`Topic ${topic} has no partitions in the cluster metadata.`);
    const positions: Positions = new Map();
    records.forEach((record, position) => {
      const partition = javaPartitionFor(record.key, partitions);
      const list = positions.get(partition);
      if (list) list.push(position);
      else positions.set(partition, [position]);
    });
    const timestamp = BigInt(Date.now());
    const batches = await Promise.all(
      [...positions].map(async ([partition, at]): Promise<PartitionBatch> => {
        const list = at.map((position) => records[position] as BatchRecord);
        const key = `${topic}:${partition}`;
        const baseSequence = this.#sequences.get(key) ?? 0;
        this.#sequences.set(key, incrementSequence(baseSequence, list.length));
        const writer = { ...producer, baseSequence };
        const batch = await encodeRecordBatch(list, writer, this.#settings.compression, timestamp);
        return { partition, batch, records: list.length };
      }),
    );
    return { positions, first: await this.#attempt(topic, batches, metadata) };
  }

  /** Queues one produce request per leader (in `metadata`) of the batches' partitions; no result rejects. */
  async #attempt(
    topic: string,
    batches: readonly PartitionBatch[],
    metadata: ClusterMetadata,
  ): Promise<Attempt> {
    const byLeader = new Map<number, PartitionBatch[]>();
    for (const batch of batches) {
      const leader = metadata.topics.get(topic)?.partitions[batch.partition]?.leader ?? -1;
      const list = byLeader.get(leader);
      if (list) list.push(batch);
      else byLeader.set(leader, [batch]);
    }
    const groups = [...byLeader].map(([leader, list]) => ({ list, broker: metadata.brokers.get(leader) }));
    const connections = await Promise.all(
      groups.map(({ broker }) =>
        this.#client.connections.get(broker as Broker).then(
          (connection) => ({ connection }),
          (error: unknown) => ({ error }),
        ),
      ),
    );
    return groups.map(({ list }, i) => {
      const got = connections[i] as { connection: Connection } | { error: unknown };
      const result =
        'error' in got
          ? Promise.resolve(got)
          : produceBatches.async(got.connection, this.#settings.timeoutMs, topic, list).then(
              () => undefined,
              (error: unknown) => ({ error }),
            );
      return { list, result };
    });
  }

  /**
   * Waits for an attempt's answers, retrying the refused batches while the failures are retriable, each retry
   * after the send `before` this one has settled.
   */
  async #settle(topic: string, sent: Dispatched, before: PreviousSend): Promise<void> {
    const errors: unknown[] = [];
    let attempt = sent.first;
    for (let n = 0; ; n++) {
      const results = await Promise.all(attempt.map((request) => request.result));
      const refused: PartitionBatch[] = [];
      const failures: unknown[] = [];
      results.forEach((result, i) => {
        if (!result) return;
        failures.push(result.error);
        refused.push(...refusedPartitions(result.error, (attempt[i] as AttemptRequest).list));
      });
      if (failures.length === 0) return;
      errors.push(...failures);
      const giveUp = () => {
        const error =
          errors.length === 1
            ? errors[0]
            : new MultipleErrors(`Produce failed ${n + 1} times.`, errors as Error[]);
        const unacknowledged = new Set(refused.map((b) => b.partition));
        const acknowledged = [...sent.positions]
          .filter(([partition]) => !unacknowledged.has(partition))
          .flatMap(([, at]) => at);
        return acknowledged.length > 0 ? new PartlyAcknowledgedError(error, acknowledged) : error;
      };
      if (n >= this.#settings.retries || !failures.every((e) => retriable(e, before.pending))) throw giveUp();
      if (!(await before.settled)) throw giveUp();
      await sleep(this.#settings.retryDelayMs);
      const fresh = await this.#client.metadata({ topics: [topic], forceUpdate: true });
      attempt = await this.#attempt(topic, refused, fresh);
    }
  }
}
