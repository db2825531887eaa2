import { jest } from '@jest/globals';
import {
  type Broker,
  type ClusterMetadata,
  type Connection,
  MultipleErrors,
  NetworkError,
  Reader,
  ResponseError,
  readRecordsBatch,
} from '@platformatic/kafka';
import {
  BatchProducer,
  type BatchProducerClient,
  incrementSequence,
} from '../../../../tasks/ingest/kinesisToKafka/batchProducer';
import { PartlyAcknowledgedError } from '../../../../tasks/ingest/kinesisToKafka/errors';
import { type PartitionBatch, produceBatches } from '../../../../tasks/ingest/kinesisToKafka/produceRequest';
import type { BatchRecord } from '../../../../tasks/ingest/kinesisToKafka/recordBatch';
import { javaPartitionFor } from '../../../../tasks/shared/kafka/javaPartitioner';

const TOPIC = 't';
const SETTINGS = { compression: 'none', timeoutMs: 30_000, retries: 3, retryDelayMs: 1 } as const;

/** Partition p led by broker `leaders[p]`; brokers 1 and 2 exist. */
function metadata(leaders: number[]): ClusterMetadata {
  return {
    id: 'cluster',
    controllerId: 1,
    lastUpdate: 0,
    brokers: new Map([
      [1, { host: 'b1', port: 9092, rack: null }],
      [2, { host: 'b2', port: 9092, rack: null }],
    ]),
    topics: new Map([
      [
        TOPIC,
        {
          id: 'id',
          lastUpdate: 0,
          partitionsCount: leaders.length,
          partitions: leaders.map((leader) => ({
            leader,
            leaderEpoch: 0,
            replicas: [],
            isr: [],
            offlineReplicas: [],
          })),
        },
      ],
    ]),
  };
}

interface Request {
  broker: string;
  batches: readonly PartitionBatch[];
}

/** A client whose connections are named after their broker, and every produce request recorded. */
function fakeClient(
  leaders: number[],
  answer: (request: Request, n: number) => Error | undefined = () => undefined,
) {
  const requests: Request[] = [];
  const client = {
    metadata: jest.fn(async () => metadata(leaders)),
    initIdempotentProducer: jest.fn(async () => ({ producerId: 42n, producerEpoch: 3 })),
    connections: {
      get: jest.fn(async (broker: Broker) => ({ broker: broker.host }) as unknown as Connection),
    },
    close: jest.fn(async () => undefined),
  };
  jest.spyOn(produceBatches, 'async').mockImplementation(async (connection, _timeout, _topic, batches) => {
    const request = { broker: (connection as unknown as { broker: string }).broker, batches };
    requests.push(request);
    const error = answer(request, requests.length);
    if (error) throw error;
    return { responses: [], throttleTimeMs: 0 };
  });
  return { client: client as unknown as BatchProducerClient & typeof client, requests };
}

const record = (key: string, value = 'v'): BatchRecord => ({
  key: Buffer.from(key),
  value: Buffer.from(value),
  headers: [[Buffer.from('h'), Buffer.from('1')]],
});

const decode = (batch: PartitionBatch) => readRecordsBatch(Reader.from(batch.batch));

/** A produce response refusing `partitions` with `code`, as @platformatic/kafka's parser throws it. */
function refused(partitions: number[], code: number): ResponseError {
  const partitionResponses = partitions.map((index) => ({ index, errorCode: code }));
  const errors = Object.fromEntries(
    partitions.map((_, j) => [`/responses/0/partition_responses/${j}`, [code, null] as [number, null]]),
  );
  return new ResponseError(0, 9, errors, { responses: [{ name: TOPIC, partitionResponses }] });
}

afterEach(() => jest.restoreAllMocks());

describe('BatchProducer', () => {
  it("puts each record on Java's partition for its key, one batch per partition in order, one request per leader", async () => {
    // Prepare
    const { client, requests } = fakeClient([1, 2, 1]);
    const records = Array.from({ length: 30 }, (_, i) => record(`key-${i % 7}`, `value-${i}`));

    // Act
    await new BatchProducer(client, SETTINGS).send(TOPIC, records);

    // Assess
    expect(requests.map((r) => r.broker).sort()).toEqual(['b1', 'b2']);
    const sent = requests.flatMap((r) => r.batches.map((b) => ({ broker: r.broker, ...b })));
    for (const batch of sent) {
      const expected = records.filter((r) => javaPartitionFor(r.key, 3) === batch.partition);
      expect(batch.broker).toBe(batch.partition === 1 ? 'b2' : 'b1');
      expect(batch.records).toBe(expected.length);
      expect(decode(batch).records.map((r) => r.value?.toString())).toEqual(
        expected.map((r) => r.value.toString()),
      );
    }
    expect(sent.reduce((n, b) => n + b.records, 0)).toBe(30);
    expect(client.metadata).toHaveBeenCalledTimes(1);
  });

  it("numbers each partition's batches on from where its last batch ended, under one producer id", async () => {
    // Prepare
    const { client, requests } = fakeClient([1, 1, 1]);
    const producer = new BatchProducer(client, SETTINGS);
    const records = Array.from({ length: 12 }, (_, i) => record(`key-${i % 5}`));

    // Act
    await producer.send(TOPIC, records);
    await producer.send(TOPIC, records);

    // Assess
    expect(client.initIdempotentProducer).toHaveBeenCalledTimes(1);
    const [first, second] = requests.map((r) => new Map(r.batches.map((b) => [b.partition, decode(b)])));
    for (const [partition, batch] of first ?? []) {
      expect(batch).toMatchObject({ producerId: 42n, producerEpoch: 3, firstSequence: 0 });
      expect(second?.get(partition)?.firstSequence).toBe(batch.records.length);
    }
  });

  it('queues overlapping sends in the order they were called, numbered in that order', async () => {
    // Prepare: the first send's metadata answers last
    const { client, requests } = fakeClient([1]);
    let calls = 0;
    client.metadata.mockImplementation(async () => {
      calls++;
      if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 20));
      return metadata([1]);
    });
    const producer = new BatchProducer(client, SETTINGS);

    // Act
    await Promise.all([
      producer.send(TOPIC, [record('k', 'first'), record('k', 'first')]),
      producer.send(TOPIC, [record('k', 'second')]),
    ]);

    // Assess
    const sent = requests.map((r) => decode(r.batches[0] as PartitionBatch));
    expect(sent.map((b) => [b.records[0]?.value?.toString(), b.firstSequence])).toEqual([
      ['first', 0],
      ['second', 2],
    ]);
  });

  it('resends only the refused partitions, the very same bytes, after fresh metadata', async () => {
    // Prepare: the first request is refused for partition 2 with NOT_ENOUGH_REPLICAS (retriable)
    const { client, requests } = fakeClient([1, 1, 1], (_, n) => (n === 1 ? refused([2], 19) : undefined));
    const records = Array.from({ length: 12 }, (_, i) => record(`key-${i}`));

    // Act
    await new BatchProducer(client, SETTINGS).send(TOPIC, records);

    // Assess
    expect(requests).toHaveLength(2);
    const retried = requests[1]?.batches ?? [];
    expect(retried.map((b) => b.partition)).toEqual([2]);
    expect(retried[0]?.batch).toBe(requests[0]?.batches.find((b) => b.partition === 2)?.batch);
    expect(client.metadata).toHaveBeenLastCalledWith({ topics: [TOPIC], forceUpdate: true });
  });

  it("retries a leader's connection failure on that leader's partitions only", async () => {
    // Prepare: broker 2 cannot be reached once
    const { client, requests } = fakeClient([1, 2, 1]);
    let down = true;
    client.connections.get.mockImplementation(async (broker: Broker) => {
      if (broker.host === 'b2' && down) {
        down = false;
        throw new NetworkError('Connection closed');
      }
      return { broker: broker.host } as unknown as Connection;
    });
    const records = Array.from({ length: 20 }, (_, i) => record(`key-${i}`));

    // Act
    await new BatchProducer(client, SETTINGS).send(TOPIC, records);

    // Assess
    expect(requests.map((r) => [r.broker, r.batches.map((b) => b.partition).sort()])).toEqual([
      ['b1', [0, 2]],
      ['b2', [1]],
    ]);
  });

  it('retries a batch refused as out of order behind a send being retried, after that send is in', async () => {
    // Prepare: the first send is refused NOT_ENOUGH_REPLICAS (retriable); the second, queued behind it,
    // OUT_OF_ORDER_SEQUENCE_NUMBER, as a broker does while the batch numbered before it is missing
    const { client, requests } = fakeClient([1], (_, n) =>
      n === 1 ? refused([0], 19) : n === 2 ? refused([0], 45) : undefined,
    );
    // The first retry's fresh metadata answers late: the second send's retry must wait for it all the same
    let slow = true;
    client.metadata.mockImplementation(async (options?: { forceUpdate?: boolean }) => {
      if (options?.forceUpdate && slow) {
        slow = false;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return metadata([1]);
    });
    const producer = new BatchProducer(client, SETTINGS);

    // Act
    await Promise.all([
      producer.send(TOPIC, [record('k', 'first')]),
      producer.send(TOPIC, [record('k', 'second')]),
    ]);

    // Assess
    const sent = requests.map((r) => (r.batches[0] as PartitionBatch).batch);
    expect(
      sent.map((b) => decode({ partition: 0, batch: b, records: 1 }).records[0]?.value?.toString()),
    ).toEqual(['first', 'second', 'first', 'second']);
    expect(sent[2]).toBe(sent[0]);
    expect(sent[3]).toBe(sent[1]);
  });

  it('fails without retrying when the send before it failed', async () => {
    // Prepare: the first send is refused for good; the second, behind it, out of order
    const { client, requests } = fakeClient([1], (_, n) => (n === 1 ? refused([0], 29) : refused([0], 45)));
    const producer = new BatchProducer(client, SETTINGS);

    // Act
    const failures = await Promise.all([
      producer.send(TOPIC, [record('k', 'first')]).catch((e: unknown) => e),
      producer.send(TOPIC, [record('k', 'second')]).catch((e: unknown) => e),
    ]);

    // Assess
    expect(requests).toHaveLength(2);
    expect(failures.map((f) => (f as ResponseError).errors[0]?.apiId)).toEqual([
      'TOPIC_AUTHORIZATION_FAILED',
      'OUT_OF_ORDER_SEQUENCE_NUMBER',
    ]);
  });

  it('does not retry OUT_OF_ORDER_SEQUENCE_NUMBER when no send was in flight before it', async () => {
    // Prepare
    const { client, requests } = fakeClient([1], () => refused([0], 45));
    const producer = new BatchProducer(client, SETTINGS);
    await producer.send(TOPIC, [record('k')]).catch(() => undefined);

    // Act
    const failure = await producer.send(TOPIC, [record('k')]).catch((e: unknown) => e);

    // Assess
    expect(requests).toHaveLength(2);
    expect((failure as ResponseError).errors[0]?.apiId).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('fails at once, without retrying, when the broker refuses for good', async () => {
    // Prepare: TOPIC_AUTHORIZATION_FAILED is not retriable
    const { client, requests } = fakeClient([1], () => refused([0], 29));

    // Act
    const failure = await new BatchProducer(client, SETTINGS)
      .send(TOPIC, [record('k')])
      .catch((e: unknown) => e);

    // Assess
    expect(requests).toHaveLength(1);
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as ResponseError).errors[0]).toMatchObject({ apiId: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('names, when it fails, the records whose partitions acknowledged them', async () => {
    // Prepare: broker 2 (partition 1) refuses for good; broker 1 (partitions 0 and 2) takes its batches
    const { client } = fakeClient([1, 2, 1], (request) =>
      request.broker === 'b2' ? refused([1], 29) : undefined,
    );
    const records = Array.from({ length: 20 }, (_, i) => record(`key-${i}`));

    // Act
    const failure = await new BatchProducer(client, SETTINGS).send(TOPIC, records).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(PartlyAcknowledgedError);
    const { acknowledged, cause } = failure as PartlyAcknowledgedError;
    const expected = records.flatMap((r, i) => (javaPartitionFor(r.key, 3) === 1 ? [] : [i]));
    expect([...acknowledged].sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect((cause as ResponseError).errors[0]).toMatchObject({ apiId: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('does not retry an error that is not the client library’s own', async () => {
    // Prepare
    const { client, requests } = fakeClient([1], () => new TypeError('bug'));

    // Act
    const failure = await new BatchProducer(client, SETTINGS)
      .send(TOPIC, [record('k')])
      .catch((e: unknown) => e);

    // Assess
    expect(requests).toHaveLength(1);
    expect(failure).toEqual(new TypeError('bug'));
  });

  it('gives up after its retries with every attempt’s error', async () => {
    // Prepare
    const { client, requests } = fakeClient([1], () => refused([0], 19));

    // Act
    const failure = await new BatchProducer(client, SETTINGS)
      .send(TOPIC, [record('k')])
      .catch((e: unknown) => e);

    // Assess
    expect(requests).toHaveLength(SETTINGS.retries + 1);
    expect(failure).toBeInstanceOf(MultipleErrors);
    expect((failure as MultipleErrors).errors).toHaveLength(SETTINGS.retries + 1);
  });

  it('refuses, sending nothing, a topic the metadata gives no partitions', async () => {
    // Prepare
    const { client, requests } = fakeClient([]);

    // Act
    const failure = await new BatchProducer(client, SETTINGS)
      .send(TOPIC, [record('k')])
      .catch((e: unknown) => e);

    // Assess
    expect(failure).toMatchObject({ message: `Topic ${TOPIC} has no partitions in the cluster metadata.` });
    expect(requests).toHaveLength(0);
  });

  it('closes its client only once the sends in flight have their answers', async () => {
    // Prepare: the produce request waits until the test answers it
    const { client } = fakeClient([1]);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const respond = jest.mocked(produceBatches.async).getMockImplementation();
    jest.mocked(produceBatches.async).mockImplementation(async (...args) => {
      await answered;
      return (respond as NonNullable<typeof respond>)(...args);
    });
    const producer = new BatchProducer(client, SETTINGS);
    const sending = producer.send(TOPIC, [record('k')]);

    // Act
    const closing = producer.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closedEarly = client.close.mock.calls.length;
    answer();
    await Promise.all([sending, closing]);

    // Assess
    expect(closedEarly).toBe(0);
    expect(client.close).toHaveBeenCalledTimes(1);
  });

  it('sends nothing for no records and closes the client it borrows', async () => {
    // Prepare
    const { client, requests } = fakeClient([1]);
    const producer = new BatchProducer(client, SETTINGS);

    // Act
    await producer.send(TOPIC, []);
    await producer.close();

    // Assess
    expect(requests).toHaveLength(0);
    expect(client.initIdempotentProducer).not.toHaveBeenCalled();
    expect(client.close).toHaveBeenCalledTimes(1);
  });
});

describe('incrementSequence', () => {
  it('adds, and wraps to 0 after Int.MAX_VALUE as Kafka does', () => {
    expect(incrementSequence(0, 5)).toBe(5);
    expect(incrementSequence(0x7fffffff - 5, 5)).toBe(0x7fffffff);
    // MAX-2, MAX-1, MAX, 0, 1: the next batch starts at 2
    expect(incrementSequence(0x7fffffff - 2, 5)).toBe(2);
    expect(incrementSequence(0x7fffffff, 1)).toBe(0);
  });
});
