import { randomBytes } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bridgeKinesisBatch } from '../../../../tasks/ingest/kinesisToKafka/bridgeKinesisBatch';
import { BRIDGE_HEADERS } from '../../../../tasks/ingest/kinesisToKafka/records';
import { defaultValue, kinesisEvent } from '../../../unit/ingest/kinesisToKafka/kinesisEvents';
import { BridgeFixture, header } from './bridgeFixture';

/** A topic that takes record batches of at most 16 KiB. */
const SMALL_TOPIC = { partitions: 2, configs: { 'max.message.bytes': '16384' } };

describe('bridgeKinesisBatch dead letters on the local stack', () => {
  const fixture = new BridgeFixture();

  afterAll(async () => {
    await fixture.cleanUp();
  });

  it('parks records over the topic max.message.bytes as DLQ envelopes (SQS, S3 claim check) and delivers the rest', async () => {
    // Prepare: record 7 (20 KiB) fits an SQS message, record 30 (300 KiB) needs a claim check.
    const topic = await fixture.topic(SMALL_TOPIC);
    const deps = await fixture.deps({ TARGET_TOPIC: topic });
    const sizes: Record<number, number> = { 7: 20 * 1024, 30: 300 * 1024 };
    const event = kinesisEvent({
      count: 50,
      keys: 5,
      value: (i, key) => defaultValue(i, key, 5, sizes[i] ?? 200),
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);
    const delivered = await fixture.consume(topic, 48);
    const envelopes = await fixture.envelopes(deps.dlq.queueUrl, 2);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await fixture.recordCount(topic)).toBe(48);
    const deliveredSequence = new Set(delivered.map((m) => header(m, BRIDGE_HEADERS.sequenceNumber)));
    expect(deliveredSequence.has(event.Records[7]?.kinesis.sequenceNumber)).toBe(false);
    expect(deliveredSequence.has(event.Records[30]?.kinesis.sequenceNumber)).toBe(false);
    const byIndex = (i: number) =>
      envelopes.find(
        (e) =>
          e.source.kind === 'kinesis' && e.source.sequenceNumber === event.Records[i]?.kinesis.sequenceNumber,
      );
    const small = byIndex(7);
    const large = byIndex(30);
    expect(envelopes).toHaveLength(2);
    expect(small).toMatchObject({
      version: 1,
      source: {
        kind: 'kinesis',
        streamArn: event.Records[7]?.eventSourceARN,
        shardId: 'shardId-000000000000',
        sequenceNumber: event.Records[7]?.kinesis.sequenceNumber,
      },
      key: Buffer.from('key-2').toString('base64'),
      value: event.Records[7]?.kinesis.data,
      error: { name: 'RecordTooLargeError' },
      attempts: 1,
    });
    expect(small?.error.message).toContain('over max.message.bytes 16384');
    expect(large).toMatchObject({
      value: null,
      valueRef: { bucket: 'msk-flows-local-dlq' },
      error: { name: 'RecordTooLargeError' },
    });
    expect(large?.valueRef?.key.startsWith(deps.dlq.prefix)).toBe(true);
    const parked = await fixture.s3.send(
      new GetObjectCommand({ Bucket: large?.valueRef?.bucket, Key: large?.valueRef?.key }),
    );
    const bytes = Buffer.from((await parked.Body?.transformToByteArray()) ?? []);
    expect(bytes.equals(Buffer.from(event.Records[30]?.kinesis.data ?? '', 'base64'))).toBe(true);
  });

  it('dead-letters a record the broker refuses with MESSAGE_TOO_LARGE when the limit it was given is stale', async () => {
    // Prepare: the bridge believes the topic takes 1 MiB batches (TOPIC_MAX_MESSAGE_BYTES), the broker says 16 KiB.
    const topic = await fixture.topic(SMALL_TOPIC);
    const deps = await fixture.deps({
      TARGET_TOPIC: topic,
      TOPIC_MAX_MESSAGE_BYTES: '1048588',
      MAX_CHUNK_BYTES: '8000',
    });
    const event = kinesisEvent({
      count: 40,
      keys: 4,
      // Random bytes: GZIP cannot shrink record 22 under the broker's real limit.
      value: (i, key) => (i === 22 ? randomBytes(40_000) : defaultValue(i, key, 4, 150)),
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);
    const envelopes = await fixture.envelopes(deps.dlq.queueUrl, 1);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await fixture.recordCount(topic)).toBe(39);
    expect(envelopes).toHaveLength(1);
    expect(envelopes[0]).toMatchObject({
      source: { kind: 'kinesis', sequenceNumber: event.Records[22]?.kinesis.sequenceNumber },
      error: { name: 'RecordRejectedError' },
    });
    expect(envelopes[0]?.error.message).toContain('MESSAGE_TOO_LARGE');
  });

  it('reports the oversized record for retry, with only the records before it acknowledged, when the DLQ is unreachable', async () => {
    // Prepare
    const topic = await fixture.topic(SMALL_TOPIC);
    const deps = await fixture.deps({
      TARGET_TOPIC: topic,
      DLQ_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/no-such-queue',
    });
    const event = kinesisEvent({
      count: 10,
      keys: 2,
      value: (i, key) => defaultValue(i, key, 2, i === 6 ? 30_000 : 100),
    });

    // Act
    const result = await bridgeKinesisBatch(event, deps);

    // Assess
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[6]?.kinesis.sequenceNumber }],
    });
    const delivered = await fixture.consume(topic, 9);
    expect(new Set(delivered.map((m) => header(m, BRIDGE_HEADERS.sequenceNumber)))).toEqual(
      new Set(event.Records.filter((_, i) => i !== 6).map((r) => r.kinesis.sequenceNumber)),
    );
  });
});
