import type { KinesisStreamRecord } from 'aws-lambda';
import { bridgeKinesisBatch } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { BRIDGE_HEADERS } from '../../../../tasks/ingest/kinesisToKafka/records';
import { dlqEnvelopeSchema } from '../../../../tasks/shared/dlq';
import { kinesisEvent } from '../../../unit/ingest/kinesisToKafka/kinesisEvents';
import { BridgeFixture, header } from './bridgeFixture';

/** A deep copy of `record` with `change` applied (a field set to undefined is removed, as JSON would). */
function broken(
  record: KinesisStreamRecord,
  change: (r: Record<string, unknown> & { kinesis: Record<string, unknown> }) => void,
) {
  const copy = structuredClone(record) as unknown as Record<string, unknown> & {
    kinesis: Record<string, unknown>;
  };
  change(copy);
  return JSON.parse(JSON.stringify(copy)) as KinesisStreamRecord;
}

/** One event of 12 records where records 2, 4, 6, 8 and 10 are each malformed in their own way. */
function eventWithMalformedRecords() {
  const event = kinesisEvent({ count: 12, keys: 3 });
  const r = event.Records;
  const at = (i: number) => r[i] as KinesisStreamRecord;
  r[2] = broken(at(2), (x) => {
    x.kinesis.data = 'eyJrZXkiOiJrZXktMiJ9*garbage';
  });
  r[4] = broken(at(4), (x) => {
    x.kinesis.data = undefined;
  });
  r[6] = broken(at(6), (x) => {
    x.kinesis.partitionKey = undefined;
  });
  r[8] = broken(at(8), (x) => {
    x.kinesis.sequenceNumber = undefined;
  });
  r[10] = null as unknown as KinesisStreamRecord;
  return { event, good: [0, 1, 3, 5, 7, 9, 11], original: kinesisEvent({ count: 12, keys: 3 }).Records };
}

describe('bridgeKinesisBatch with malformed records on the local stack', () => {
  const fixture = new BridgeFixture();

  afterAll(async () => {
    await fixture.cleanUp();
  });

  it('parks each malformed record as received with a reason naming it, and produces every other record', async () => {
    // Prepare
    const topic = await fixture.topic({ partitions: 2 });
    const deps = await fixture.deps({ TARGET_TOPIC: topic });
    const { event, good, original } = eventWithMalformedRecords();

    // Act
    const result = await bridgeKinesisBatch(event, deps);
    const delivered = await fixture.consume(topic, good.length);
    const envelopes = await fixture.envelopes(deps.dlq.queueUrl, 5);

    // Assess: the good records, byte for byte, and nothing else
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await fixture.recordCount(topic)).toBe(good.length);
    const bySequence = new Map(delivered.map((m) => [header(m, BRIDGE_HEADERS.sequenceNumber), m]));
    for (const i of good) {
      const source = original[i] as KinesisStreamRecord;
      expect(bySequence.get(source.kinesis.sequenceNumber)?.value?.toString('base64')).toBe(
        source.kinesis.data,
      );
    }
    // Assess: one envelope per malformed record, the record as received, the reason naming it
    expect(envelopes.map((e) => dlqEnvelopeSchema.safeParse(e).success)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    const byPath = new Map(envelopes.map((e) => [e.source.kind === 'malformed' ? e.source.path : '', e]));
    const expectations: [number, string][] = [
      [2, 'kinesis.data is not valid base64 (RFC 4648, padded)'],
      [4, 'kinesis.data is missing'],
      [6, 'kinesis.partitionKey is missing'],
      [8, 'kinesis.sequenceNumber is missing'],
      [10, 'the record is not an object'],
    ];
    for (const [i, problem] of expectations) {
      const envelope = byPath.get(`Records[${i}]`);
      const sequenceNumber = (original[i] as KinesisStreamRecord).kinesis.sequenceNumber;
      expect(envelope?.error.name).toBe('MalformedKinesisRecordError');
      expect(envelope?.error.message).toContain(`Kinesis record Records[${i}] (`);
      expect(envelope?.error.message).toContain(problem);
      expect(JSON.parse(Buffer.from(envelope?.value ?? '', 'base64').toString('utf8'))).toEqual(
        event.Records[i],
      );
      if (i !== 10) {
        expect(envelope?.source).toMatchObject({
          kind: 'malformed',
          trigger: 'kinesis',
          shardId: 'shardId-000000000000',
          sequenceNumber,
        });
      }
    }
  });

  it('reports the first malformed record for retry when the DLQ is unreachable, and still produces every good record', async () => {
    // Prepare
    const topic = await fixture.topic({ partitions: 2 });
    const deps = await fixture.deps({
      TARGET_TOPIC: topic,
      DLQ_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/no-such-queue',
    });
    const { event, original } = eventWithMalformedRecords();

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: original[2]?.kinesis.sequenceNumber }] });
    expect(await fixture.recordCount(topic)).toBe(7);
    const delivered = await fixture.consume(topic, 7);
    const sequences = new Set(delivered.map((m) => header(m, BRIDGE_HEADERS.sequenceNumber)));
    for (const i of [0, 1, 3, 5, 7, 9, 11])
      expect(sequences.has(original[i]?.kinesis.sequenceNumber)).toBe(true);
  });
});
