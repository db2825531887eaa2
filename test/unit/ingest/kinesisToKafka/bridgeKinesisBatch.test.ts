import { Logger } from '@aws-lambda-powertools/logger';
import { jest } from '@jest/globals';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import {
  type BridgeKinesisBatchDeps,
  bridgeKinesisBatch,
} from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import type { DeadLetter } from '../../../../tasks/ingest/kinesisToKafka/deadLetter';
import { loadEvent } from '../../../helpers/loadEvent';
import { FakeSender, indexOf, protocolError } from './fakes';
import { kinesisEvent } from './kinesisEvents';

const topic = 'bridge-target';

/** Deps around a FakeSender; the returned mocks are the ones in use unless overridden. */
function depsWith(overrides: Partial<Omit<BridgeKinesisBatchDeps, 'sender'>> & { sender?: FakeSender } = {}) {
  const addMetric = jest.fn<BridgeKinesisBatchDeps['metrics']['addMetric']>();
  const deadLetter = jest.fn<DeadLetter>(async () => undefined);
  const sender = overrides.sender ?? new FakeSender();
  const deps: BridgeKinesisBatchDeps = {
    topic,
    sender,
    topicLimits: async () => ({ maxMessageBytes: 1_048_588, source: 'describeConfigs' }),
    deadLetter,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: { addMetric },
    ...overrides,
  };
  return { deps, addMetric, deadLetter, sender };
}

function metricsOf(
  addMetric: jest.Mock<BridgeKinesisBatchDeps['metrics']['addMetric']>,
): Record<string, number> {
  return Object.fromEntries(addMetric.mock.calls.map(([name, , value]) => [name, value]));
}

describe('bridgeKinesisBatch', () => {
  it('produces every record in event order and reports no failure when Kafka acknowledges all', async () => {
    // Prepare
    const event = kinesisEvent({ count: 50 });
    const { deps, addMetric, deadLetter, sender } = depsWith({ maxChunkBytes: 2_000 });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.acknowledged.map(indexOf)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(sender.requests.length).toBeGreaterThan(1);
    expect(deadLetter).not.toHaveBeenCalled();
    expect(metricsOf(addMetric)).toMatchObject({
      RecordsIn: 50,
      RecordsOut: 50,
      RecordsFailed: 0,
      RecordsDeadLettered: 0,
      ProduceRequests: sender.requests.length,
    });
  });

  it('sends the recorded event in one produce request when it fits the topic limit', async () => {
    // Prepare
    const event = loadEvent<KinesisStreamEvent>('kinesis-flight-telemetry');
    const { deps, sender } = depsWith();

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.requests).toHaveLength(1);
    expect(sender.requests[0]?.map((m) => m.key)).toEqual([
      'N12345',
      'N67890',
      'N12345',
      'N24680',
      'N67890',
      'N12345',
    ]);
  });

  it('reports the first record of the refused request, and acknowledges only what Kafka took, when a send fails mid-batch', async () => {
    // Prepare
    const event = kinesisEvent({ count: 40 });
    const sender = new FakeSender((_messages, request) =>
      request === 3 ? protocolError('NOT_ENOUGH_REPLICAS', true) : undefined,
    );
    const { deps, addMetric } = depsWith({ sender, maxChunkBytes: 1_500 });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess: the request in flight behind the refused one (the 4th) was taken; nothing after it was sent
    const failedAt = sender.requests[2]?.map(indexOf)[0] ?? -1;
    const behind = sender.requests[3]?.map(indexOf) ?? [];
    expect(failedAt).toBeGreaterThan(0);
    expect(behind.length).toBeGreaterThan(0);
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[failedAt]?.kinesis.sequenceNumber }],
    });
    expect(sender.acknowledged.map(indexOf)).toEqual([
      ...Array.from({ length: failedAt }, (_, i) => i),
      ...behind,
    ]);
    expect(sender.requests).toHaveLength(4);
    expect(metricsOf(addMetric)).toMatchObject({
      RecordsOut: failedAt + behind.length,
      RecordsFailed: 40 - failedAt,
    });
  });

  it('never reports a record as done that Kafka did not acknowledge, whichever request fails', async () => {
    // Prepare
    const event = kinesisEvent({ count: 30 });
    const outcomes: { reported: number; acknowledged: number[] }[] = [];

    // Act
    for (let failing = 1; failing <= 12; failing++) {
      const sender = new FakeSender((_m, request) =>
        request === failing ? new Error('connection reset') : undefined,
      );
      const { deps } = depsWith({ sender, maxChunkBytes: 700 });
      const result = await bridgeKinesisBatch(event, deps);
      const id = result.batchItemFailures[0]?.itemIdentifier;
      const reported =
        id === undefined ? 30 : event.Records.findIndex((r) => r.kinesis.sequenceNumber === id);
      outcomes.push({ reported, acknowledged: sender.acknowledged.map(indexOf) });
    }

    // Assess
    for (const { reported, acknowledged } of outcomes) {
      // Everything before the reported record was acknowledged; Kinesis retries the rest.
      expect(acknowledged.slice(0, reported)).toEqual(Array.from({ length: reported }, (_, i) => i));
    }
    expect(outcomes.some((o) => o.reported < 30)).toBe(true);
  });

  it('parks a record over max.message.bytes in the DLQ and delivers the rest of the batch', async () => {
    // Prepare
    const event = kinesisEvent({
      count: 10,
      value: (i, key) => Buffer.from(JSON.stringify({ key, index: i }).padEnd(i === 4 ? 8_192 : 100)),
    });
    const { deps, deadLetter, sender, addMetric } = depsWith({
      topicLimits: async () => ({ maxMessageBytes: 4_096, source: 'describeConfigs' }),
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.acknowledged.map(indexOf)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(deadLetter).toHaveBeenCalledTimes(1);
    const [items] = deadLetter.mock.calls[0] ?? [[]];
    expect(items).toHaveLength(1);
    expect(items[0] && 'record' in items[0] ? items[0].record : undefined).toBe(event.Records[4]);
    expect(items[0]?.error).toMatchObject({
      name: 'RecordTooLargeError',
      context: { topic, limit: 4_096, sequenceNumber: event.Records[4]?.kinesis.sequenceNumber },
    });
    expect(items[0]?.error.message).not.toContain('"key"');
    expect(metricsOf(addMetric)).toMatchObject({ RecordsOut: 9, RecordsDeadLettered: 1, RecordsFailed: 0 });
  });

  it('reports the oversized record for retry when the DLQ cannot take it', async () => {
    // Prepare
    const event = kinesisEvent({
      count: 6,
      value: (i, key) => Buffer.from(key.padEnd(i === 2 ? 5_000 : 10)),
    });
    const { deps } = depsWith({
      topicLimits: async () => ({ maxMessageBytes: 4_096, source: 'describeConfigs' }),
      deadLetter: async () => {
        throw Object.assign(new Error('queue unavailable'), { name: 'DlqPublishError' });
      },
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[2]?.kinesis.sequenceNumber }],
    });
  });

  it('does not park an oversized record that comes after a failed request, since it will be delivered again', async () => {
    // Prepare
    const event = kinesisEvent({
      count: 6,
      value: (i, key) => Buffer.from(key.padEnd(i === 4 ? 5_000 : 10)),
    });
    const sender = new FakeSender((messages) =>
      messages.some((m) => m.key === 'key-1') ? new Error('timeout') : undefined,
    );
    const { deps, deadLetter } = depsWith({
      sender,
      maxChunkBytes: 100,
      topicLimits: async () => ({ maxMessageBytes: 4_096, source: 'describeConfigs' }),
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[1]?.kinesis.sequenceNumber }],
    });
    expect(deadLetter).not.toHaveBeenCalled();
  });

  it('dead-letters a record the broker refuses with MESSAGE_TOO_LARGE although it looked small enough', async () => {
    // Prepare
    const event = kinesisEvent({ count: 8 });
    const sender = new FakeSender((messages) =>
      messages.some((m) => indexOf(m) === 6) ? protocolError('MESSAGE_TOO_LARGE') : undefined,
    );
    const { deps, deadLetter } = depsWith({ sender });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(deadLetter.mock.calls[0]?.[0].map((i) => ['record' in i ? i.record : i, i.error.name])).toEqual([
      [event.Records[6], 'RecordRejectedError'],
    ]);
    expect(sender.acknowledged.map(indexOf)).toEqual([0, 1, 2, 3, 4, 5, 7]);
  });

  it('reports the first record and sends nothing when the topic limits cannot be read', async () => {
    // Prepare
    const event = kinesisEvent({ count: 3 });
    const { deps, sender } = depsWith({
      topicLimits: async () => {
        throw Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
      },
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.kinesis.sequenceNumber }],
    });
    expect(sender.requests).toEqual([]);
  });

  it('reports the first unfinished record of each shard when a hand-written event mixes shards', async () => {
    // Prepare
    const a = kinesisEvent({ count: 3, shardId: 'shardId-000000000001' }).Records;
    const b = kinesisEvent({ count: 3, shardId: 'shardId-000000000002', firstSequenceNumber: 1000n }).Records;
    const event = { Records: [a[0], b[0], a[1], b[1], a[2], b[2]].filter((r) => r !== undefined) };
    const sender = new FakeSender((_m, request) =>
      request === 3 ? new Error('connection reset') : undefined,
    );
    const { deps } = depsWith({ sender, maxChunkBytes: 1 });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    // a[1] was refused; b[1], in flight behind it, was taken
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: a[1]?.kinesis.sequenceNumber },
      { itemIdentifier: b[2]?.kinesis.sequenceNumber },
    ]);
  });

  it('parks malformed records as received and produces the others, never a byte of an undecodable record', async () => {
    // Prepare
    const event = kinesisEvent({ count: 6 });
    const [r1, r3] = [event.Records[1], event.Records[3]] as KinesisStreamRecord[];
    event.Records[1] = { ...r1, kinesis: { ...r1.kinesis, data: 'eyJrZXkiOiJrZXktMSJ9_bad' } };
    event.Records[3] = { ...r3, kinesis: { ...r3.kinesis, partitionKey: undefined as unknown as string } };
    const { deps, deadLetter, sender, addMetric } = depsWith();

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.acknowledged.map(indexOf)).toEqual([0, 2, 4, 5]);
    const items = deadLetter.mock.calls[0]?.[0] ?? [];
    expect(items.map((i) => ('malformed' in i ? i.malformed.source.path : 'record'))).toEqual([
      'Records[1]',
      'Records[3]',
    ]);
    expect(items.map((i) => i.error.message)).toEqual([
      `Kinesis record Records[1] (shardId-000000000000:${r1.kinesis.sequenceNumber}) is malformed: kinesis.data is not valid base64 (RFC 4648, padded)`,
      `Kinesis record Records[3] (shardId-000000000000:${r3.kinesis.sequenceNumber}) is malformed: kinesis.partitionKey is missing`,
    ]);
    expect(metricsOf(addMetric)).toMatchObject({
      RecordsIn: 6,
      RecordsOut: 4,
      RecordsDeadLettered: 2,
      RecordsFailed: 0,
    });
  });

  it('reports the first malformed record for retry when the DLQ cannot take it', async () => {
    // Prepare
    const event = kinesisEvent({ count: 4 });
    const r2 = event.Records[2] as KinesisStreamRecord;
    event.Records[2] = { ...r2, kinesis: { ...r2.kinesis, data: undefined as unknown as string } };
    const { deps } = depsWith({
      deadLetter: async () => {
        throw Object.assign(new Error('queue unavailable'), { name: 'DlqPublishError' });
      },
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: r2.kinesis.sequenceNumber }] });
  });

  it('fails the invocation when a record without any sequence number cannot be parked and nothing before it is reported', async () => {
    // Prepare
    const event = kinesisEvent({ count: 3 });
    event.Records[0] = null as unknown as KinesisStreamRecord;
    const { deps } = depsWith({
      deadLetter: async () => {
        throw new Error('queue unavailable');
      },
    });

    // Act
    const act = bridgeKinesisBatch(event, deps);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'UnreportableRecordError' });
  });

  it('parks a record without any sequence number and delivers the rest when the DLQ takes it', async () => {
    // Prepare
    const event = kinesisEvent({ count: 3 });
    event.Records[0] = { not: 'a record' } as unknown as KinesisStreamRecord;
    const { deps, sender } = depsWith();

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.acknowledged.map(indexOf)).toEqual([1, 2]);
  });

  it('throws InvalidKinesisEventError for an event without Records', async () => {
    // Prepare
    const { deps, sender } = depsWith();

    // Act
    const act = bridgeKinesisBatch({} as KinesisStreamEvent, deps);

    // Assess
    await expect(act).rejects.toThrow('Not a Kinesis trigger event: Records is missing or not a list');
    expect(sender.requests).toEqual([]);
  });

  it('returns no failure and sends nothing for an empty event', async () => {
    // Prepare
    const { deps, sender, addMetric } = depsWith();

    // Act
    const result = await bridgeKinesisBatch({ Records: [] }, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(sender.requests).toEqual([]);
    expect(metricsOf(addMetric)).toMatchObject({ RecordsIn: 0, RecordsOut: 0 });
  });
});
