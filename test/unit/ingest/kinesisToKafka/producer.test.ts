import { jest } from '@jest/globals';
import {
  type BridgeProducer,
  ReusableProducer,
  toBatchRecord,
} from '../../../../tasks/ingest/kinesisToKafka/producer';
import type { BatchRecord } from '../../../../tasks/ingest/kinesisToKafka/recordBatch';
import type { BridgeMessage } from '../../../../tasks/ingest/kinesisToKafka/records';

interface FakeProducer {
  send: jest.Mock<(topic: string, records: readonly BatchRecord[]) => Promise<void>>;
  close: jest.Mock<() => Promise<void>>;
}

function fakeProducers(
  behaviour: { failSend?: (n: number) => boolean; failCreate?: (n: number) => boolean } = {},
) {
  const producers: FakeProducer[] = [];
  let sends = 0;
  const create = async (): Promise<BridgeProducer> => {
    if (behaviour.failCreate?.(producers.length + 1)) {
      producers.push({ send: jest.fn(), close: jest.fn() } as FakeProducer);
      throw new Error('Connection error: ECONNREFUSED');
    }
    const producer: FakeProducer = {
      send: jest.fn(async () => {
        sends++;
        if (behaviour.failSend?.(sends)) throw new Error('Connection closed');
      }),
      close: jest.fn(async () => undefined),
    };
    producers.push(producer);
    return producer as unknown as BridgeProducer;
  };
  return { create, producers };
}

const messages: BridgeMessage[] = [{ key: 'k', value: Buffer.from('v'), headers: { h: '1' } }];

describe('toBatchRecord', () => {
  it('gives the key, the value and every header, in order, as bytes', () => {
    // Act
    const record = toBatchRecord({
      key: 'key-7',
      value: Buffer.from('v'),
      headers: { a: '1', b: '2' },
    });

    // Assess
    expect(record.key).toEqual(Buffer.from('key-7'));
    expect(record.value).toEqual(Buffer.from('v'));
    expect(record.headers.map(([k, v]) => [k.toString(), v.toString()])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});

describe('ReusableProducer', () => {
  it('creates one producer on first use and sends every chunk through it as bytes', async () => {
    // Prepare
    const { create, producers } = fakeProducers();
    const producer = new ReusableProducer(create);

    // Act
    await producer.send('t', messages);
    await producer.send('t', messages);

    // Assess
    expect(producers).toHaveLength(1);
    expect(producers[0]?.send).toHaveBeenCalledTimes(2);
    expect(producers[0]?.send).toHaveBeenCalledWith('t', messages.map(toBatchRecord));
  });

  it('drops the producer after a failed send and creates a fresh one for the next send', async () => {
    // Prepare
    const { create, producers } = fakeProducers({ failSend: (n) => n === 1 });
    const producer = new ReusableProducer(create);

    // Act
    const failure = await producer.send('t', messages).catch((e: unknown) => e);
    await producer.send('t', messages);

    // Assess
    expect(failure).toEqual(new Error('Connection closed'));
    expect(producers).toHaveLength(2);
    expect(producers[0]?.close).toHaveBeenCalledTimes(1);
    expect(producers[1]?.send).toHaveBeenCalledTimes(1);
  });

  it('drops only the producer a failed send used, not one a later send has made since', async () => {
    // Prepare: sends answered by hand; the first producer gets two overlapping sends
    const rejects: ((error: Error) => void)[] = [];
    const producers: FakeProducer[] = [];
    const create = async (): Promise<BridgeProducer> => {
      const producer: FakeProducer = {
        send: jest.fn(() => new Promise<void>((_resolve, reject) => rejects.push(reject))),
        close: jest.fn(async () => undefined),
      };
      producers.push(producer);
      return producer as unknown as BridgeProducer;
    };
    const producer = new ReusableProducer(create);
    const first = producer.send('t', messages).catch((e: unknown) => e);
    const second = producer.send('t', messages).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));

    // Act: the first fails (its producer is dropped), a third send makes a new one, then the second fails
    rejects[0]?.(new Error('Connection closed'));
    await first;
    const third = producer.send('t', messages).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    rejects[1]?.(new Error('Connection closed'));
    await second;

    // Assess
    expect(producers).toHaveLength(2);
    expect(producers[0]?.close).toHaveBeenCalledTimes(1);
    expect(producers[1]?.close).not.toHaveBeenCalled();
    rejects[2]?.(new Error('done'));
    await third;
  });

  it('tries to create the producer again on the next send when creating it failed', async () => {
    // Prepare
    const { create, producers } = fakeProducers({ failCreate: (n) => n === 1 });
    const producer = new ReusableProducer(create);

    // Act
    const failure = await producer.send('t', messages).catch((e: unknown) => e);
    await producer.send('t', messages);

    // Assess
    expect(failure).toMatchObject({ message: 'Connection error: ECONNREFUSED' });
    expect(producers).toHaveLength(2);
    expect(producers[1]?.send).toHaveBeenCalledTimes(1);
  });

  it('closes on discard and does nothing when never used', async () => {
    // Prepare
    const { create, producers } = fakeProducers();
    const idle = new ReusableProducer(create);
    const used = new ReusableProducer(create);
    await used.send('t', messages);

    // Act
    await idle.discard();
    await used.discard();

    // Assess
    expect(producers).toHaveLength(1);
    expect(producers[0]?.close).toHaveBeenCalledTimes(1);
  });
});
