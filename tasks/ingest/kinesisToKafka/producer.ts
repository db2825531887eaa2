import { CompressionTypes, type Kafka, type Producer, type ProducerConfig } from 'kafkajs';
import type { BridgeMessage } from './records';

/** Produces one chunk of messages; resolves only when Kafka acknowledged every one of them. */
export interface ChunkSender {
  send(topic: string, messages: BridgeMessage[]): Promise<void>;
}

/**
 * Idempotent producer (KIP-98): the broker drops a retried duplicate within a producer session, and with
 * one request in flight per connection a retry can never overtake an earlier batch, so per-partition order
 * holds. (Kafka allows ≤ 5 in flight; kafkajs holds a per-broker lock for an idempotent producer's request
 * anyway, so more would not pipeline.) kafkajs defaults an idempotent producer to unbounded retries; a Lambda
 * must give up before its timeout and let Kinesis retry, so retries are bounded: at-least-once, as any
 * Kinesis consumer is.
 */
export const BRIDGE_PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 5_000 },
};

/**
 * `acks: -1`: every in-sync replica has the batch before we report success. GZIP is the codec kafkajs has
 * built in (zlib); Snappy, LZ4 and ZSTD need extra codec packages with native bindings that we would have to
 * bundle per architecture, for a gain the benchmark does not need.
 */
export const BRIDGE_SEND_OPTIONS = { acks: -1, compression: CompressionTypes.GZIP, timeout: 30_000 } as const;

/**
 * The container's producer: created and connected on first use, reused across invocations, and dropped
 * after any failed send — a failed idempotent request leaves kafkajs's sequence numbers unreliable, so the
 * next send reconnects with a fresh producer id.
 */
export class ReusableProducer implements ChunkSender {
  readonly #kafka: () => Promise<Kafka>;
  readonly #config: ProducerConfig;
  #producer: Promise<Producer> | undefined;

  constructor(kafka: () => Promise<Kafka>, config: ProducerConfig = BRIDGE_PRODUCER_CONFIG) {
    this.#kafka = kafka;
    this.#config = config;
  }

  async send(topic: string, messages: BridgeMessage[]): Promise<void> {
    const producer = await this.#connected();
    try {
      await producer.sendBatch({ ...BRIDGE_SEND_OPTIONS, topicMessages: [{ topic, messages }] });
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /** Disconnects and forgets the producer; the next send connects a new one. */
  async discard(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    if (!producer) return;
    await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  #connected(): Promise<Producer> {
    if (!this.#producer) {
      const connecting = this.#kafka().then(async (kafka) => {
        const producer = kafka.producer(this.#config);
        await producer.connect();
        return producer;
      });
      this.#producer = connecting;
      connecting.catch(() => {
        if (this.#producer === connecting) this.#producer = undefined;
      });
    }
    return this.#producer;
  }
}
