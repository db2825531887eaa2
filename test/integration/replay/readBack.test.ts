import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import { withAdmin } from '../../../tasks/shared/kafka/client';
import { localKafkaClient } from '../../helpers/localStack';
import { randomName } from '../../helpers/names';
import { deletePrefix } from '../local/support';
import {
  createQueue,
  createTopic,
  deleteQueue,
  deleteTopics,
  header,
  kafkaEnvelope,
  localCluster,
  parkedDocuments,
  queueDepth,
  readTopic,
  sendBodies,
  testReplayDeps,
} from './support';

/** A Lambda on-failure record of a Kafka trigger, as an SQS destination receives it (metadata only). */
function onFailureRecord(ranges: Record<string, [number, number]>): string {
  return JSON.stringify({
    requestContext: {
      requestId: randomName('req'),
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-to-s3',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 11,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: '2026-11-20T08:00:00.000Z',
    KafkaBatchInfo: {
      batchSize: Object.values(ranges).reduce((n, [a, b]) => n + b - a + 1, 0),
      bootstrapServers: '127.0.0.1:9096',
      payloadSize: 1234,
      recordsInfo: Object.fromEntries(
        Object.entries(ranges).map(([tp, [first, last]]) => [
          tp,
          {
            firstRecordOffset: String(first),
            lastRecordOffset: String(last),
            firstRecordTimestamp: '2026-11-20T07:59:00.000Z',
            lastRecordTimestamp: '2026-11-20T07:59:30.000Z',
          },
        ]),
      ),
    },
  });
}

describe('DLQ replay reading records back', () => {
  let deps: ReplayDeps;
  const topics: string[] = [];
  const queues: string[] = [];
  const parkingPrefix = `parked/${randomName('t')}/`;
  const claimPrefix = `claims/${randomName('t')}/`;

  beforeAll(() => {
    deps = testReplayDeps();
  });

  afterAll(async () => {
    for (const queue of queues) await deleteQueue(deps.sqs, queue);
    await deleteTopics(topics);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, claimPrefix);
  });

  it('fetches exactly the records in the offset ranges of Kafka on-failure records, each once, and parks what retention removed', async () => {
    // Prepare: 100 records on each of 3 partitions, then partition 1 truncated below offset 50.
    const [source, target] = [await createTopic(3), await createTopic(3)];
    topics.push(source, target);
    const kafka = await localKafkaClient();
    const producer = kafka.producer();
    await producer.connect();
    for (const partition of [0, 1, 2]) {
      await producer.send({
        topic: source,
        acks: -1,
        messages: Array.from({ length: 100 }, (_, i) => ({
          partition,
          key: `k-${partition}-${i}`,
          value: `v-${partition}-${i}`,
          headers: { origin: `p${partition}`, seq: String(i) },
        })),
      });
    }
    await producer.disconnect();
    await withAdmin(kafka, async (admin) => {
      await admin.fetchTopicMetadata({ topics: [source] });
      await admin.deleteTopicRecords({ topic: source, partitions: [{ partition: 1, offset: '50' }] });
    });
    const queueUrl = await createQueue(deps.sqs);
    queues.push(queueUrl);
    await sendBodies(deps.sqs, queueUrl, [
      onFailureRecord({ [`${source}-0`]: [10, 29], [`${source}-2`]: [50, 59] }),
      onFailureRecord({ [`${source}-0`]: [20, 39] }), // overlaps the first: 20..29 are replayed once
      onFailureRecord({ [`${source}-1`]: [40, 60] }), // 40..49 are gone
    ]);

    // Act
    const result = await runReplayLocally({
      deps,
      waitMs: 0,
      input: {
        replayId: randomName('replay'),
        source: { kind: 'sqs', queueUrl },
        target: { kind: 'topic', topic: target, cluster: await localCluster() },
        parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
      },
    });

    // Assess
    expect(result.error).toBeUndefined();
    const expected = [
      ...Array.from({ length: 30 }, (_, i) => [0, 10 + i]),
      ...Array.from({ length: 10 }, (_, i) => [2, 50 + i]),
      ...Array.from({ length: 11 }, (_, i) => [1, 50 + i]),
    ].map(([p, o]) => `kafka:${source}/${p}@${o}`);
    const records = await readTopic(target);
    expect(records.map((r) => header(r, 'replay-source')).sort()).toEqual(expected.sort());
    for (const record of records) {
      const [partition, offset] =
        (header(record, 'replay-source') ?? '').split('/')[1]?.split('@').map(Number) ?? [];
      expect(record.key?.toString()).toBe(`k-${partition}-${offset}`);
      expect(record.value?.toString()).toBe(`v-${partition}-${offset}`);
      expect(header(record, 'origin')).toBe(`p${partition}`);
      expect(header(record, 'seq')).toBe(String(offset));
    }
    expect(result.output).toMatchObject({ received: 3, replayed: 51, parked: 1 });
    const parked = await parkedDocuments(deps.s3, parkingPrefix);
    expect(parked.map((d) => d.reasons.map((r) => r.reason))).toEqual([
      [expect.stringMatching(/^OffsetsNoLongerRetained: .*-1 offsets 40\.\.60, the log holds 50\.\.99$/)],
    ]);
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  }, 180_000);

  it('replays claim-checked values byte for byte', async () => {
    // Prepare: binary values (not UTF-8), too big for an SQS message, parked in S3 by the envelopes' writer.
    const target = await createTopic(3);
    topics.push(target);
    const queueUrl = await createQueue(deps.sqs);
    queues.push(queueUrl);
    const values = [
      randomBytes(300 * 1024),
      randomBytes(700 * 1024),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.alloc(0),
    ];
    const bodies: string[] = [];
    for (const [i, value] of values.entries()) {
      const ref = { bucket: LOCAL_PARKING_BUCKET, key: `${claimPrefix}${i}.bin` };
      await deps.s3.send(new PutObjectCommand({ Bucket: ref.bucket, Key: ref.key, Body: value }));
      bodies.push(
        JSON.stringify(
          kafkaEnvelope('orders.events', i, { key: Buffer.from([i, 0xff]), value: null, valueRef: ref }),
        ),
      );
    }
    await sendBodies(deps.sqs, queueUrl, bodies);

    // Act
    const result = await runReplayLocally({
      deps,
      waitMs: 0,
      input: {
        replayId: randomName('replay'),
        source: { kind: 'sqs', queueUrl },
        target: { kind: 'topic', topic: target, cluster: await localCluster() },
        parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
      },
    });

    // Assess
    expect(result.output).toMatchObject({ replayed: values.length, parked: 0 });
    const records = await readTopic(target);
    for (const record of records) {
      const offset = Number(header(record, 'replay-source')?.split('@')[1]);
      expect(Buffer.compare(record.value ?? Buffer.alloc(0), values[offset] as Buffer)).toBe(0);
      expect(Buffer.compare(record.key as Buffer, Buffer.from([offset, 0xff]))).toBe(0);
    }
    expect(records).toHaveLength(values.length);
  }, 180_000);
});
