import type { MessageToProduce, Producer } from '@platformatic/kafka';
import { toKafkaErrorFromPlatformatic } from '../../onboarding/kafka/platformaticErrors';
import { isRetriable } from '../../shared/errors/retriable';
import { packInOrder } from '../../shared/packInOrder';
import { type ReplayRecord, recordBytes, replayHeaders } from '../records';
import type { TopicTarget } from '../request/schema';
import type { DeliveryOutcome, Refusal, ReplayTargetWriter } from './types';

/**
 * Record bytes of one produce request: under the broker's default `max.message.bytes` (1 MiB), so a
 * partition's record batch fits whatever the keys hash to. A topic with a lower limit refuses a batch as
 * MESSAGE_TOO_LARGE: the records are then sent one by one and only a record that is too big alone is parked.
 */
const CHUNK_BYTES = 900 * 1024;
const CHUNK_RECORDS = 2_000;

/** Keyed records go where Java's default partitioner puts them (see tasks/shared/kafka/javaPartitioner.ts). */
export { javaCompatiblePartitioner } from '../../shared/kafka/javaPartitioner';

function toMessage(
  record: ReplayRecord,
  topic: string,
  replayId: string,
): MessageToProduce<Buffer, Buffer, Buffer, Buffer> {
  // One Buffer object per header name: repeated names stay separate entries (a Map keys by identity).
  const headers = new Map<Buffer, Buffer>(
    replayHeaders(record, replayId).map(([name, value]) => [Buffer.from(name), value]),
  );
  return {
    topic,
    ...(record.key ? { key: record.key } : {}),
    value: record.value as Buffer,
    headers,
  };
}

/**
 * Produces to one topic with an idempotent producer, `acks=-1`, original key, value and headers plus the
 * replay headers. A refusal that concerns the records themselves (too large, invalid) parks exactly the
 * records the broker refuses when sent alone; connection and leadership problems throw (retriable).
 */
export class TopicTargetWriter implements ReplayTargetWriter {
  #producer: Promise<Producer> | undefined;

  constructor(
    private readonly target: TopicTarget,
    private readonly createProducer: () => Promise<Producer>,
  ) {}

  refuse(record: ReplayRecord): Refusal | undefined {
    if (record.origin.kind === 'sqs') {
      return {
        action: 'park',
        reason:
          'NotARecord: a plain SQS message has no key or value to produce; replay it with an sqs target',
      };
    }
    if (
      record.origin.kind === 'kafka' &&
      record.origin.topic === this.target.topic &&
      !this.target.allowOriginalTopic
    ) {
      // Every consumer group of the original topic would see it again: only with allowOriginalTopic.
      return { action: 'skip', reason: 'OriginalTopicNotAllowed' };
    }
    return undefined;
  }

  chunk(records: ReplayRecord[]): ReplayRecord[][] {
    return packInOrder(records, recordBytes, { maxItems: CHUNK_RECORDS, maxBytes: CHUNK_BYTES });
  }

  async deliver(records: ReplayRecord[], replayId: string): Promise<DeliveryOutcome> {
    if (records.length === 0) return { delivered: [], parked: [] };
    try {
      await this.#send(records, replayId);
      return { delivered: records.map((r) => r.id), parked: [] };
    } catch (error) {
      if (isRetriable(error) || (error as Error).name !== 'KafkaOperationError') throw error;
      return this.#isolate(records, replayId);
    }
  }

  /** Sends each record alone after a refused batch: the ones refused alone are parked with the broker's reason. */
  async #isolate(records: ReplayRecord[], replayId: string): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { delivered: [], parked: [] };
    for (const record of records) {
      try {
        await this.#send([record], replayId);
        outcome.delivered.push(record.id);
      } catch (error) {
        if (isRetriable(error) || (error as Error).name !== 'KafkaOperationError') throw error;
        outcome.parked.push({ id: record.id, reason: `TargetRefusedRecord: ${(error as Error).message}` });
      }
    }
    return outcome;
  }

  async #send(records: ReplayRecord[], replayId: string): Promise<void> {
    const producer = await this.#connected();
    try {
      await producer.send({ messages: records.map((r) => toMessage(r, this.target.topic, replayId)) });
    } catch (error) {
      // A failed idempotent send leaves sequence numbers unreliable: the next send starts a new producer.
      await this.close();
      throw toKafkaErrorFromPlatformatic(error, { topic: this.target.topic, operation: 'Produce' });
    }
  }

  #connected(): Promise<Producer> {
    if (!this.#producer) {
      const created = this.createProducer();
      this.#producer = created;
      created.catch(() => {
        if (this.#producer === created) this.#producer = undefined;
      });
    }
    return this.#producer;
  }

  async close(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    await producer?.then((p) => p.close()).catch(() => undefined);
  }
}
