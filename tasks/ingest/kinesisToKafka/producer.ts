import { type AdminOptions, ProduceAcks, Producer } from '@platformatic/kafka';
import { BatchProducer, type BatchProducerSettings } from './batchProducer';
import type { BridgeCompression } from './config';
import type { BatchRecord } from './recordBatch';
import { BRIDGE_HEADERS, type BridgeMessage } from './records';

/**
 * Produces one chunk of messages; resolves only when Kafka acknowledged every one of them. Sends may overlap (the
 * bridge keeps two in flight): they must reach Kafka in the order they were called. A failure after Kafka took
 * some of the messages may say which with a PartlyAcknowledgedError (positions in `messages`).
 */
export interface ChunkSender {
  send(topic: string, messages: BridgeMessage[]): Promise<void>;
}

/** The producer session the bridge sends through (a BatchProducer; tests pass fakes). */
export type BridgeProducer = Pick<BatchProducer, 'send' | 'close'>;

/**
 * How the bridge's producer is set up: idempotent (KIP-98), so the broker drops a batch it already wrote when a
 * retry resends it, and appends a partition's batches only in the order they were numbered, so a retry never
 * lets a later batch overtake an earlier one and per-partition order holds. `acks=-1`: every in-sync replica
 * has the batch before we report success. Retries are bounded: a Lambda must give up before its timeout and let
 * Kinesis retry (at-least-once, as any Kinesis consumer is). Keys go to the partition Java's default partitioner
 * picks (javaPartitioner.ts).
 */
const BRIDGE_PRODUCER_SETTINGS = {
  idempotent: true,
  acks: ProduceAcks.ALL,
  autocreateTopics: false,
  retries: 5,
  retryDelay: 250,
  timeout: 30_000,
} as const;

/**
 * The bridge's producer session: a BatchProducer over a @platformatic/kafka client made from `clientOptions` (its
 * connection, auth and client id) and BRIDGE_PRODUCER_SETTINGS, producing with `compression`.
 */
export function createBridgeProducer(
  clientOptions: AdminOptions,
  compression: BridgeCompression,
  overrides: Partial<BatchProducerSettings> = {},
): BatchProducer {
  return new BatchProducer(new Producer({ ...clientOptions, ...BRIDGE_PRODUCER_SETTINGS }), {
    compression,
    timeoutMs: BRIDGE_PRODUCER_SETTINGS.timeout,
    retries: BRIDGE_PRODUCER_SETTINGS.retries,
    retryDelayMs: BRIDGE_PRODUCER_SETTINGS.retryDelay,
    ...overrides,
  });
}

// One Buffer per header name for the container's life: every record carries the same four names.
const headerNames = new Map<string, Buffer>();
const headerName = (name: string): Buffer => {
  let buffer = headerNames.get(name);
  if (!buffer) {
    buffer = Buffer.from(name);
    headerNames.set(name, buffer);
  }
  return buffer;
};

// The stream ARN and shard id repeat on every record of a shard: one Buffer each, up to a few hundred shards.
const REPEATED_HEADERS: ReadonlySet<string> = new Set([BRIDGE_HEADERS.streamArn, BRIDGE_HEADERS.shardId]);
const MAX_REPEATED_VALUES = 512;
const repeatedValues = new Map<string, Buffer>();
const headerValue = (name: string, value: string): Buffer => {
  if (!REPEATED_HEADERS.has(name)) return Buffer.from(value);
  let buffer = repeatedValues.get(value);
  if (!buffer) {
    if (repeatedValues.size >= MAX_REPEATED_VALUES) repeatedValues.clear();
    buffer = Buffer.from(value);
    repeatedValues.set(value, buffer);
  }
  return buffer;
};

/** The bridge's message as bytes: key, value and headers in order. */
export function toBatchRecord(message: BridgeMessage): BatchRecord {
  const headers: [Buffer, Buffer][] = [];
  for (const name in message.headers)
    headers.push([headerName(name), headerValue(name, message.headers[name] as string)]);
  return { key: Buffer.from(message.key), value: message.value, headers };
}

/**
 * The container's producer: created on first use, reused across invocations, and dropped after any failed
 * send — a failed idempotent request leaves the sequence numbers unreliable, so the next send starts a fresh
 * producer (new producer id).
 */
export class ReusableProducer implements ChunkSender {
  readonly #create: () => Promise<BridgeProducer>;
  #producer: Promise<BridgeProducer> | undefined;

  constructor(create: () => Promise<BridgeProducer>) {
    this.#create = create;
  }

  async send(topic: string, messages: BridgeMessage[]): Promise<void> {
    const connected = this.#connected();
    const producer = await connected;
    try {
      await producer.send(topic, messages.map(toBatchRecord));
    } catch (error) {
      // Sends overlap: drop the producer this send used, not one a later send has made since.
      if (this.#producer === connected) await this.discard();
      throw error;
    }
  }

  /** Closes and forgets the producer; the next send creates a new one. */
  async discard(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    if (!producer) return;
    await producer.then((p) => p.close()).catch(() => undefined);
  }

  #connected(): Promise<BridgeProducer> {
    if (!this.#producer) {
      const creating = this.#create();
      this.#producer = creating;
      creating.catch(() => {
        if (this.#producer === creating) this.#producer = undefined;
      });
    }
    return this.#producer;
  }
}
