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

/** Only @platformatic/kafka's own errors say whether they can be retried; anything else is not retried. */
function retriable(error: unknown): boolean {
  return (
    error instanceof Error && GenericError.isGenericError(error) && !findErrorBy(error, 'canRetry', false)
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
 */
export class BatchProducer {
  readonly #client: BatchProducerClient;
  readonly #settings: BatchProducerSettings;
  readonly #sequences = new Map<string, number>();
  #producer: Promise<ProducerInfo> | undefined;
  /** Settles when the last send's requests are queued: the next send queues after them. */
  #dispatched: Promise<void> = Promise.resolve();

  constructor(client: BatchProducerClient, settings: BatchProducerSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  /**
   * Produces `records` to `topic`, each to the partition Java's default partitioner picks for its key. Sends may
   * overlap: their produce requests are numbered and queued on the connections in the order `send` was called,
   * so a chunk can be encoded while the one before it waits for its acknowledgement. The broker appends a
   * partition's batch only right after the one numbered before it, so a batch never lands ahead of an earlier
   * one that failed (it is refused with OUT_OF_ORDER_SEQUENCE_NUMBER, which is final).
   */
  send(topic: string, records: readonly BatchRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const dispatched = this.#dispatched.then(() => this.#dispatch(topic, records));
    this.#dispatched = dispatched.then(
      () => undefined,
      () => undefined,
    );
    return dispatched.then((attempt) => this.#settle(topic, attempt));
  }

  close(): Promise<void> {
    return this.#client.close();
  }

  /** Numbers and encodes the records' batches and queues their first produce requests. */
  async #dispatch(topic: string, records: readonly BatchRecord[]): Promise<Attempt> {
    this.#producer ??= this.#client.initIdempotentProducer({});
    const producer = await this.#producer;
    const metadata = await this.#client.metadata({ topics: [topic], autocreateTopics: false });
    const partitions = metadata.topics.get(topic)?.partitionsCount ?? 0;
    if (partitions < 1) throw new UserError(`Topic ${topic} has no partitions in the cluster metadata.`);
    const byPartition = new Map<number, BatchRecord[]>();
    for (const record of records) {
      const partition = javaPartitionFor(record.key, partitions);
      const list = byPartition.get(partition);
      if (list) list.push(record);
      else byPartition.set(partition, [record]);
    }
    const timestamp = BigInt(Date.now());
    const batches = await Promise.all(
      [...byPartition].map(async ([partition, list]): Promise<PartitionBatch> => {
        const key = `${topic}:${partition}`;
        const baseSequence = this.#sequences.get(key) ?? 0;
        this.#sequences.set(key, incrementSequence(baseSequence, list.length));
        const writer = { ...producer, baseSequence };
        const batch = await encodeRecordBatch(list, writer, this.#settings.compression, timestamp);
        return { partition, batch, records: list.length };
      }),
    );
    return this.#attempt(topic, batches, metadata);
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

  /** Waits for an attempt's answers, retrying the refused batches while the failures are retriable. */
  async #settle(topic: string, first: Attempt): Promise<void> {
    const errors: unknown[] = [];
    let attempt = first;
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
      if (n >= this.#settings.retries || !failures.every(retriable)) {
        throw errors.length === 1
          ? errors[0]
          : new MultipleErrors(`Produce failed ${n + 1} times.`, errors as Error[]);
      }
      await sleep(this.#settings.retryDelayMs);
      const fresh = await this.#client.metadata({ topics: [topic], forceUpdate: true });
      attempt = await this.#attempt(topic, refused, fresh);
    }
  }
}
