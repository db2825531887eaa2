import { jest } from '@jest/globals';
import { CompressionTypes, type Kafka, type ProducerBatch, type ProducerConfig } from 'kafkajs';
import { BRIDGE_PRODUCER_CONFIG, ReusableProducer } from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';

interface FakeProducer {
  config: ProducerConfig | undefined;
  connect: jest.Mock<() => Promise<void>>;
  disconnect: jest.Mock<() => Promise<void>>;
  sendBatch: jest.Mock<(batch: ProducerBatch) => Promise<unknown[]>>;
}

function fakeKafka(
  behaviour: { failSend?: (n: number) => boolean; failConnect?: (n: number) => boolean } = {},
) {
  const producers: FakeProducer[] = [];
  let sends = 0;
  const kafka = {
    producer: (config?: ProducerConfig) => {
      const n = producers.length + 1;
      const producer: FakeProducer = {
        config,
        connect: jest.fn(async () => {
          if (behaviour.failConnect?.(n)) throw new Error('Connection error: ECONNREFUSED');
        }),
        disconnect: jest.fn(async () => undefined),
        sendBatch: jest.fn(async () => {
          sends++;
          if (behaviour.failSend?.(sends)) throw new Error('Connection closed');
          return [];
        }),
      };
      producers.push(producer);
      return producer;
    },
  };
  return { kafka: kafka as unknown as Kafka, producers };
}

const messages: BridgeMessage[] = [{ key: 'k', value: Buffer.from('v'), headers: { h: '1' } }];

describe('ReusableProducer', () => {
  it('connects one idempotent producer on first use and reuses it for every send', async () => {
    // Prepare
    const { kafka, producers } = fakeKafka();
    const producer = new ReusableProducer(async () => kafka);

    // Act
    await producer.send('t', messages);
    await producer.send('t', messages);

    // Assess
    expect(producers).toHaveLength(1);
    expect(producers[0]?.config).toEqual(BRIDGE_PRODUCER_CONFIG);
    expect(producers[0]?.config).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });
    expect(producers[0]?.connect).toHaveBeenCalledTimes(1);
    expect(producers[0]?.sendBatch).toHaveBeenCalledTimes(2);
    expect(producers[0]?.sendBatch).toHaveBeenCalledWith({
      acks: -1,
      compression: CompressionTypes.GZIP,
      timeout: 30_000,
      topicMessages: [{ topic: 't', messages }],
    });
  });

  it('drops the producer after a failed send and connects a fresh one for the next send', async () => {
    // Prepare
    const { kafka, producers } = fakeKafka({ failSend: (n) => n === 1 });
    const producer = new ReusableProducer(async () => kafka);

    // Act
    const failure = await producer.send('t', messages).catch((e: unknown) => e);
    await producer.send('t', messages);

    // Assess
    expect(failure).toEqual(new Error('Connection closed'));
    expect(producers).toHaveLength(2);
    expect(producers[0]?.disconnect).toHaveBeenCalledTimes(1);
    expect(producers[1]?.sendBatch).toHaveBeenCalledTimes(1);
  });

  it('tries to connect again on the next send when connecting failed', async () => {
    // Prepare
    const { kafka, producers } = fakeKafka({ failConnect: (n) => n === 1 });
    const producer = new ReusableProducer(async () => kafka);

    // Act
    const failure = await producer.send('t', messages).catch((e: unknown) => e);
    await producer.send('t', messages);

    // Assess
    expect(failure).toMatchObject({ message: 'Connection error: ECONNREFUSED' });
    expect(producers).toHaveLength(2);
    expect(producers[1]?.sendBatch).toHaveBeenCalledTimes(1);
  });

  it('disconnects on discard and does nothing when never connected', async () => {
    // Prepare
    const { kafka, producers } = fakeKafka();
    const idle = new ReusableProducer(async () => kafka);
    const used = new ReusableProducer(async () => kafka);
    await used.send('t', messages);

    // Act
    await idle.discard();
    await used.discard();

    // Assess
    expect(producers).toHaveLength(1);
    expect(producers[0]?.disconnect).toHaveBeenCalledTimes(1);
  });
});
