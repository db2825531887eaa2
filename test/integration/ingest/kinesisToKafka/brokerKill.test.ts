import type { KinesisStreamRecord } from 'aws-lambda';
import type { Kafka } from 'kafkajs';
import { brokerStackEntry } from '../../../../scripts/local/kafka/broker';
import { bridgeKinesisBatch } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import type { ChunkSender } from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';
import { killBroker, restartBroker } from '../../../helpers/brokerFaults';
import { consumeMessages } from '../../../helpers/consume';
import { groupName, topicName } from '../../../helpers/names';
import { clientOf, type PrivateBroker, privateBroker } from '../../../helpers/privateBroker';
import { kinesisEvent } from '../../../unit/ingest/kinesisToKafka/kinesisEvents';
import { BridgeFixture } from './bridgeFixture';

/**
 * The broker is SIGKILLed while the bridge has produce requests in flight (two chunks at a time). Whatever the
 * bridge reported as done must be in Kafka, and redelivering from the record it reported (what Lambda does for
 * a Kinesis shard) must land every record, each key's records in order where they first appear.
 */

const START_TIMEOUT_MS = 240_000;
const RECORDS = 2_000;

/** Passes sends through; at the `at`-th one it starts `fault` without waiting, so requests are in flight. */
class FaultingSender implements ChunkSender {
  requests = 0;
  fault: Promise<unknown> | undefined;

  constructor(
    private readonly inner: ChunkSender,
    private readonly at: number,
    private readonly start: () => Promise<unknown>,
  ) {}

  async send(topic: string, messages: BridgeMessage[]): Promise<void> {
    this.requests++;
    if (this.requests === this.at) this.fault = this.start();
    await this.inner.send(topic, messages);
  }
}

describe('bridgeKinesisBatch when the broker is killed mid-batch', () => {
  const fixture = new BridgeFixture();
  let broker: PrivateBroker;
  let kafka: Kafka;

  /** Every record the topic holds, in partition order (key and event position from the generated values). */
  async function landed(topic: string): Promise<{ key: string; index: number }[]> {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const count = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    if (count === 0) return [];
    const messages = await consumeMessages(kafka, { topic, groupId: groupName(), count, timeoutMs: 60_000 });
    return messages.map((m) => JSON.parse(m.value?.toString() ?? '{}') as { key: string; index: number });
  }

  beforeAll(async () => {
    broker = await privateBroker();
    await broker.service.up(broker.log);
    kafka = await clientOf(broker.layout);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await fixture.cleanUp();
    await broker?.dispose();
  });

  it(
    'reports only what Kafka holds as done, and lands every record in per-key order on redelivery',
    async () => {
      // Prepare
      const topic = topicName();
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
      await admin.disconnect();
      const deps = await fixture.deps({
        TARGET_TOPIC: topic,
        KAFKA_BOOTSTRAP_SERVERS: brokerStackEntry(broker.layout).bootstrapServers.join(','),
        KAFKA_SECRET_ARN: broker.layout.adminSecretFile,
        MAX_CHUNK_BYTES: '8000',
      });
      const event = kinesisEvent({ count: RECORDS, keys: 20 });
      const sender = new FaultingSender(deps.sender, 6, () => killBroker(broker.service));

      // Act: the first delivery, during which the broker dies
      const first = await bridgeKinesisBatch(event, { ...deps, sender });
      await sender.fault;
      await restartBroker(broker.service, broker.log);
      const heldAfterCrash = await landed(topic);
      let records: KinesisStreamRecord[] = event.Records;
      let result = first;
      for (let attempt = 0; attempt < 30 && result.batchItemFailures.length > 0; attempt++) {
        const from = records.findIndex(
          (r) => r.kinesis.sequenceNumber === result.batchItemFailures[0]?.itemIdentifier,
        );
        records = records.slice(from);
        result = await bridgeKinesisBatch({ Records: records }, deps);
        if (result.batchItemFailures.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      }

      // Assess
      const reportedAt = event.Records.findIndex(
        (r) => r.kinesis.sequenceNumber === first.batchItemFailures[0]?.itemIdentifier,
      );
      expect(reportedAt).toBeGreaterThan(0);
      expect(result).toEqual({ batchItemFailures: [] });
      const all = await landed(topic);
      expect(all.length).toBeGreaterThanOrEqual(RECORDS);
      expect(new Set(all.map((p) => p.index))).toEqual(new Set(event.Records.map((_, i) => i)));
      for (const key of new Set(all.map((p) => p.key))) {
        const firstSeen = [...new Set(all.filter((p) => p.key === key).map((p) => p.index))];
        expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
      }
      // Everything the first delivery reported as done was in Kafka before any redelivery.
      const held = new Set(heldAfterCrash.map((p) => p.index));
      expect(event.Records.slice(0, reportedAt).filter((_, i) => !held.has(i))).toEqual([]);
    },
    START_TIMEOUT_MS,
  );
});
