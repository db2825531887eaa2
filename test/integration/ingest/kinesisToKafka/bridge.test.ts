import type { KinesisStreamEvent } from 'aws-lambda';
import { logLevel } from 'kafkajs';
import { bridgeKinesisBatch } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { BRIDGE_COMPRESSIONS } from '../../../../tasks/ingest/kinesisToKafka/config';
import type { ChunkSender } from '../../../../tasks/ingest/kinesisToKafka/producer';
import { BRIDGE_HEADERS, type BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';
import { createKafka } from '../../../../tasks/shared/kafka/client';
import { javaPartitionFor } from '../../../../tasks/shared/kafka/javaPartitioner';
import { loadEvent } from '../../../helpers/loadEvent';
import { localKafkaConfig } from '../../../helpers/localStack';
import {
  kinesisEvent,
  kinesisRecord,
  templateRecord,
} from '../../../unit/ingest/kinesisToKafka/kinesisEvents';
import { BridgeFixture, header } from './bridgeFixture';

/** Passes requests to the real producer, and runs `trip` once before request number `before` (1-based). */
class TrippingSender implements ChunkSender {
  readonly requests: BridgeMessage[][] = [];

  constructor(
    private readonly inner: ChunkSender,
    private readonly before: number,
    private readonly trip: () => Promise<void>,
  ) {}

  /** Requests from the tripping one on wait for the trip, so they reach the producer in order. */
  #tripped: Promise<void> = Promise.resolve();

  async send(topic: string, messages: BridgeMessage[]): Promise<void> {
    this.requests.push(messages);
    if (this.requests.length === this.before) this.#tripped = this.trip();
    await this.#tripped;
    await this.inner.send(topic, messages);
  }
}

describe('bridgeKinesisBatch on the local broker', () => {
  const fixture = new BridgeFixture();

  afterAll(async () => {
    await fixture.cleanUp();
  });

  it('lands 1,000 records in Kafka in order per key, keyed by partition key, with the source headers', async () => {
    // Prepare
    const topic = await fixture.topic({ partitions: 3 });
    const deps = await fixture.deps({ TARGET_TOPIC: topic });
    const event = kinesisEvent({ count: 1000, keys: 10 });

    // Act
    const result = await bridgeKinesisBatch(event, deps);
    const messages = await fixture.consume(topic, 1000);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(messages).toHaveLength(1000);
    expect(await fixture.recordCount(topic)).toBe(1000);
    const perKey = new Map<string, number[]>();
    for (const message of messages) {
      const value = JSON.parse(message.value?.toString() ?? '{}') as {
        key: string;
        n: number;
        index: number;
      };
      expect(message.key?.toString()).toBe(value.key);
      const record = event.Records[value.index];
      expect(header(message, BRIDGE_HEADERS.sequenceNumber)).toBe(record?.kinesis.sequenceNumber);
      expect(header(message, BRIDGE_HEADERS.shardId)).toBe('shardId-000000000000');
      expect(header(message, BRIDGE_HEADERS.streamArn)).toBe(record?.eventSourceARN);
      expect(header(message, BRIDGE_HEADERS.arrivalTimestamp)).toBe(
        String(Math.round((record?.kinesis.approximateArrivalTimestamp ?? 0) * 1000)),
      );
      perKey.set(value.key, [...(perKey.get(value.key) ?? []), value.n]);
    }
    expect(perKey.size).toBe(10);
    for (const sequence of perKey.values())
      expect(sequence).toEqual(Array.from({ length: 100 }, (_, n) => n));
  });

  it.each(BRIDGE_COMPRESSIONS)(
    "puts every key on the partition Java's default partitioner picks, compressed with %s",
    async (codec) => {
      // Prepare: 12 keys, key-i carrying i + 1 records, so each partition's count says which keys it holds
      const topic = await fixture.topic({ partitions: 6 });
      const deps = await fixture.deps({ TARGET_TOPIC: topic, KAFKA_COMPRESSION: codec });
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      const template = templateRecord();
      const first = BigInt(template.kinesis.sequenceNumber);
      const Records = keys
        .flatMap((key, i) => Array.from({ length: i + 1 }, () => key))
        .map((key, n) =>
          kinesisRecord(template, {
            key,
            value: Buffer.from(`{"n":${n}}`),
            sequenceNumber: String(first + BigInt(n)),
            shardId: 'shardId-000000000000',
            streamArn: template.eventSourceARN,
            arrival: template.kinesis.approximateArrivalTimestamp,
          }),
        );
      const event: KinesisStreamEvent = { Records };
      const expected = [0, 0, 0, 0, 0, 0];
      keys.forEach((key, i) => {
        expected[javaPartitionFor(Buffer.from(key), 6)] += i + 1;
      });

      // Act
      const result = await bridgeKinesisBatch(event, deps);
      const offsets = await fixture.withAdmin((admin) => admin.fetchTopicOffsets(topic));
      const consumed = await fixture.consume(topic, Records.length);

      // Assess
      expect(result).toEqual({ batchItemFailures: [] });
      const counts = [...offsets].sort((a, b) => a.partition - b.partition).map((p) => Number(p.high));
      expect(counts).toEqual(expected);
      expect(consumed.map((m) => m.value?.toString()).sort()).toEqual(
        Records.map((_, n) => `{"n":${n}}`).sort(),
      );
    },
  );

  it('reports the first record of the request the broker refused mid-batch, with exactly the records before it in Kafka, and completes on redelivery', async () => {
    // Prepare: the bridge produces as a SCRAM user allowed to write topics `<topic>*`; before its 4th
    // produce request that right is revoked, so the broker refuses it (TOPIC_AUTHORIZATION_FAILED).
    const topic = await fixture.topic({ partitions: 2 });
    const probeTopic = await fixture.topic({ name: `${topic}.probe` });
    const user = await fixture.producerUser(topic);
    const deps = await fixture.deps({
      TARGET_TOPIC: topic,
      KAFKA_SECRET_ARN: user.secretFile,
      MAX_CHUNK_BYTES: '20000',
    });
    const probe = (
      await createKafka(await localKafkaConfig(user.secretFile), { options: { logLevel: logLevel.NOTHING } })
    ).producer({ retry: { retries: 0 } });
    await probe.connect();
    const revokeWrite = async () => {
      await fixture.setWrite(user.name, topic, false);
      // Wait until the broker applies it: a probe send (to a sibling topic under the same ACL) is refused.
      for (let i = 0; i < 100; i++) {
        const refused = await probe
          .send({ topic: probeTopic, acks: -1, messages: [{ value: 'probe' }] })
          .then(
            () => false,
            (e: { type?: string }) => e.type === 'TOPIC_AUTHORIZATION_FAILED',
          );
        if (refused) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('revoking WRITE never took effect');
    };
    const sender = new TrippingSender(deps.sender, 4, revokeWrite);
    const event = kinesisEvent({ count: 1000, keys: 10 });

    // Act
    const result = await bridgeKinesisBatch(event, { ...deps, sender });
    await probe.disconnect();

    // Assess
    // The 5th request was in flight behind the refused 4th (two chunks in flight), and refused too.
    const failedAt = sender.requests.slice(0, 3).flat().length;
    expect(sender.requests).toHaveLength(5);
    expect(sender.requests[3]?.[0]?.headers[BRIDGE_HEADERS.sequenceNumber]).toBe(
      event.Records[failedAt]?.kinesis.sequenceNumber,
    );
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[failedAt]?.kinesis.sequenceNumber }],
    });
    // Kafka holds exactly the records before the reported one: everything acknowledged, nothing more.
    expect(await fixture.recordCount(topic)).toBe(failedAt);
    const landed = await fixture.consume(topic, failedAt);
    expect(new Set(landed.map((m) => header(m, BRIDGE_HEADERS.sequenceNumber)))).toEqual(
      new Set(event.Records.slice(0, failedAt).map((r) => r.kinesis.sequenceNumber)),
    );

    // Act again: WRITE is granted back and Kinesis delivers again from the reported record.
    await fixture.setWrite(user.name, topic, true);
    let records = event.Records.slice(failedAt);
    let retried = await bridgeKinesisBatch({ Records: records }, deps);
    for (let attempt = 0; attempt < 20 && retried.batchItemFailures.length > 0; attempt++) {
      // Until the broker applies the grant, Kinesis would keep retrying from the reported record.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const from = records.findIndex(
        (r) => r.kinesis.sequenceNumber === retried.batchItemFailures[0]?.itemIdentifier,
      );
      records = records.slice(from);
      retried = await bridgeKinesisBatch({ Records: records }, deps);
    }

    // Assess: every record exactly once, each key in order.
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(await fixture.recordCount(topic)).toBe(1000);
    const all = await fixture.consume(topic, 1000);
    const positions = all.map(
      (m) => JSON.parse(m.value?.toString() ?? '{}') as { key: string; index: number },
    );
    for (const key of new Set(positions.map((p) => p.key))) {
      const indexes = positions.filter((p) => p.key === key).map((p) => p.index);
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      expect(indexes).toHaveLength(100);
    }
  });

  it('runs the recorded Kinesis event through the local handler, as `msk-flows invoke kinesis-to-kafka --local` does', async () => {
    // Prepare
    const { createLocalHandler } = await import('../../../../scripts/local/ingest/kinesisToKafka');
    const topic = await fixture.topic({ partitions: 2 });
    const handler = await createLocalHandler({ TARGET_TOPIC: topic });
    const event = loadEvent<KinesisStreamEvent>('kinesis-flight-telemetry');

    // Act
    const result = await handler(event).finally(() => handler.close());
    const messages = await fixture.consume(topic, 6);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const byKey = (key: string) =>
      messages
        .filter((m) => m.key?.toString() === key)
        .map((m) => (JSON.parse(m.value?.toString() ?? '{}') as { seq: number }).seq);
    expect(byKey('N12345')).toEqual([0, 2, 5]);
    expect(byKey('N67890')).toEqual([1, 4]);
    expect(byKey('N24680')).toEqual([3]);
  });
});
