import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Partitioners } from 'kafkajs';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import type { ReplayDeps } from '../../../tasks/replay/deps';
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

const GOOD = 9_900;
const POISON = 100;

describe('DLQ replay of envelopes (local SQS, S3 and Kafka)', () => {
  let deps: ReplayDeps;
  let queueUrl: string;
  let target: string;
  const parkingPrefix = `parked/${randomName('t')}/`;
  const claimPrefix = `claims/${randomName('t')}/`;
  const sourceTopic = 'orders.events';

  beforeAll(async () => {
    deps = testReplayDeps();
    queueUrl = await createQueue(deps.sqs);
    target = await createTopic(3);
  });

  afterAll(async () => {
    await deleteQueue(deps.sqs, queueUrl);
    await deleteTopics([target]);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, claimPrefix);
  });

  it('replays 9,900 envelopes once each with key and headers, parks 100 poison with reasons, and empties the DLQ', async () => {
    // Prepare: good envelopes (repeated header names, a few claim checks) and four kinds of poison among them.
    const bodies: string[] = [];
    for (let i = 0; i < GOOD; i++) {
      const value = Buffer.from(JSON.stringify({ order: i, status: 'created' }));
      const headers: [string, Buffer][] = [
        ['traceparent', Buffer.from(`00-${i}`)],
        ['tag', Buffer.from('a')],
        ['tag', Buffer.from('b')],
      ];
      const key = i % 10 === 0 ? null : Buffer.from(`order-${i % 97}`);
      if (i % 1000 === 0) {
        const ref = { bucket: LOCAL_PARKING_BUCKET, key: `${claimPrefix}${i}.bin` };
        await deps.s3.send(new PutObjectCommand({ Bucket: ref.bucket, Key: ref.key, Body: value }));
        bodies.push(JSON.stringify(kafkaEnvelope(sourceTopic, i, { key, value, headers, valueRef: ref })));
      } else {
        bodies.push(JSON.stringify(kafkaEnvelope(sourceTopic, i, { key, value, headers })));
      }
    }
    for (let p = 0; p < POISON; p++) {
      const offset = 100_000 + p;
      const kind = p % 4;
      if (kind === 0) bodies.push(`not json ${p}`);
      else if (kind === 1)
        bodies.push(
          JSON.stringify({
            ...kafkaEnvelope(sourceTopic, offset, { key: null, value: null }),
            value: '!!not base64',
          }),
        );
      else if (kind === 2) {
        const ref = { bucket: LOCAL_PARKING_BUCKET, key: `${claimPrefix}missing-${p}.bin` };
        bodies.push(
          JSON.stringify(
            kafkaEnvelope(sourceTopic, offset, { key: null, value: Buffer.from('x'), valueRef: ref }),
          ),
        );
      } else {
        const headers: [string, Buffer][] = [['replay-attempt', Buffer.from('5')]];
        bodies.push(
          JSON.stringify(
            kafkaEnvelope(sourceTopic, offset, { key: null, value: Buffer.from('again'), headers }),
          ),
        );
      }
    }
    // Poison spread through the queue, not at its end.
    bodies.sort(() => Math.random() - 0.5);
    await sendBodies(deps.sqs, queueUrl, bodies);

    // Act
    const result = await runReplayLocally({
      deps,
      waitMs: 0,
      input: {
        replayId: randomName('replay'),
        source: { kind: 'sqs', queueUrl },
        target: { kind: 'topic', topic: target, cluster: await localCluster() },
        maxMessages: 20_000,
        ratePerSecond: 100_000,
        maxAttempts: 5,
        parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
      },
    });

    // Assess: the summary
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({
      status: 'SUCCEEDED',
      received: GOOD + POISON,
      replayed: GOOD,
      parked: POISON,
      skipped: 0,
      remaining: 0,
      stoppedBy: 'drained',
      oldestFailedAt: '2026-11-01T10:00:00.000Z',
    });
    // Each record exactly once, key and headers kept, on the partition Java's partitioner picks.
    const records = await readTopic(target);
    expect(records).toHaveLength(GOOD);
    const offsets = records.map((r) => header(r, 'replay-source'));
    expect(new Set(offsets).size).toBe(GOOD);
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    for (const record of records) {
      const offset = Number(header(record, 'replay-source')?.split('@')[1]);
      expect(JSON.parse(record.value?.toString() ?? '')).toEqual({ order: offset, status: 'created' });
      expect(record.key?.toString() ?? null).toBe(offset % 10 === 0 ? null : `order-${offset % 97}`);
      expect(header(record, 'traceparent')).toBe(`00-${offset}`);
      expect(((record.headers?.tag ?? []) as Buffer[]).map(String)).toEqual(['a', 'b']);
      expect(header(record, 'replay-attempt')).toBe('1');
      expect(header(record, 'replay-source')).toBe(`kafka:${sourceTopic}/${offset % 3}@${offset}`);
      if (record.key) {
        expect(record.partition).toBe(
          partitioner({ topic: target, partitionMetadata, message: { key: record.key, value: null } }),
        );
      }
    }
    // The DLQ is empty; the poison is parked with reasons.
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
    const parked = await parkedDocuments(deps.s3, parkingPrefix);
    expect(parked).toHaveLength(POISON);
    const reasons = parked.map((d) => d.reasons[0]?.reason.split(':')[0]).sort();
    expect(new Set(reasons)).toEqual(
      new Set(['NotARecord', 'UndecodableMessage', 'ClaimCheckMissing', 'MaxAttemptsExceeded']),
    );
    for (const reason of new Set(reasons)) expect(reasons.filter((r) => r === reason)).toHaveLength(25);
  }, 300_000);
});
