import { jest } from '@jest/globals';
import { NetworkError } from '@platformatic/kafka';
import type { BatchProducer } from '../../../../tasks/ingest/kinesisToKafka/batchProducer';
import { BRIDGE_COMPRESSIONS } from '../../../../tasks/ingest/kinesisToKafka/config';
import { produceBatches } from '../../../../tasks/ingest/kinesisToKafka/produceRequest';
import { createBridgeProducer } from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { BatchRecord } from '../../../../tasks/ingest/kinesisToKafka/recordBatch';
import { platformaticAdminOptions } from '../../../../tasks/onboarding/kafka/platformaticAdmin';
import { javaPartitionFor } from '../../../../tasks/shared/kafka/javaPartitioner';
import { localKafkaConfig } from '../../../helpers/localStack';
import { BridgeFixture, header } from './bridgeFixture';

const records = (count: number, tag: string): BatchRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    key: Buffer.from(`key-${i % 7}`),
    value: Buffer.from(`${tag}-${i}`),
    headers: [
      [Buffer.from('n'), Buffer.from(String(i))],
      [Buffer.from('tag'), Buffer.from(tag)],
    ],
  }));

async function batchProducer(codec: (typeof BRIDGE_COMPRESSIONS)[number]): Promise<BatchProducer> {
  return createBridgeProducer(await platformaticAdminOptions(await localKafkaConfig()), codec, {
    retryDelayMs: 10,
  });
}

describe('BatchProducer on the local broker', () => {
  const fixture = new BridgeFixture();

  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await fixture.cleanUp();
  });

  it.each(BRIDGE_COMPRESSIONS)(
    "writes batches the broker accepts and consumers read, keys on Java's partitions, in order, with %s",
    async (codec) => {
      // Prepare
      const topic = await fixture.topic({ partitions: 3 });
      const producer = await batchProducer(codec);
      const first = records(50, 'a');
      const second = records(50, 'b');

      // Act
      try {
        await producer.send(topic, first);
        await producer.send(topic, second);
      } finally {
        await producer.close();
      }
      const consumed = await fixture.consume(topic, 100);

      // Assess
      expect(await fixture.recordCount(topic)).toBe(100);
      const offsets = await fixture.withAdmin((admin) => admin.fetchTopicOffsets(topic));
      const perPartition = [0, 0, 0];
      for (const r of [...first, ...second]) perPartition[javaPartitionFor(r.key, 3)] += 1;
      expect([...offsets].sort((a, b) => a.partition - b.partition).map((p) => Number(p.high))).toEqual(
        perPartition,
      );
      for (let k = 0; k < 7; k++) {
        const ofKey = consumed.filter((m) => m.key?.toString() === `key-${k}`);
        const expected = [...first, ...second].filter((r) => r.key.toString() === `key-${k}`);
        expect(ofKey.map((m) => m.value?.toString())).toEqual(expected.map((r) => r.value.toString()));
        expect(ofKey.map((m) => header(m, 'tag'))).toEqual(expected.map((r) => r.headers[1]?.[1].toString()));
      }
    },
  );

  it('lands a batch once when its acknowledgement is lost and the same bytes are sent again', async () => {
    // Prepare: the broker writes the first request, then the client loses the answer (a dropped connection)
    const topic = await fixture.topic({ partitions: 3 });
    const producer = await batchProducer('none');
    const send = produceBatches.async;
    let lost = 0;
    jest.spyOn(produceBatches, 'async').mockImplementation(async (...args) => {
      const response = await send(...args);
      if (lost++ === 0) throw new NetworkError('Connection closed');
      return response;
    });

    // Act
    try {
      await producer.send(topic, records(60, 'once'));
    } finally {
      await producer.close();
    }

    // Assess: the resend went out, and the broker dropped it as a duplicate of what it had
    expect(lost).toBe(2);
    expect(await fixture.recordCount(topic)).toBe(60);
    const consumed = await fixture.consume(topic, 60);
    expect(new Set(consumed.map((m) => m.value?.toString())).size).toBe(60);
  });
});
