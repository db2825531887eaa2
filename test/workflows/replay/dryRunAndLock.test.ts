import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import { lockKey } from '../../../tasks/replay/lock/replayLock';
import { ExecutionHistoryStore } from '../../../workflows/local/history';
import { randomName } from '../../helpers/names';
import { deletePrefix, listKeys } from '../../integration/local/support';
import {
  createQueue,
  createTopic,
  deleteQueue,
  deleteTopics,
  kafkaEnvelope,
  localCluster,
  queueDepth,
  readTopic,
  sendBodies,
  testReplayDeps,
} from '../../integration/replay/support';

describe('DLQ replay state machine: dry run and one replay per queue', () => {
  let deps: ReplayDeps;
  const queues: string[] = [];
  const topics: string[] = [];
  const parkingPrefix = `parked/${randomName('t')}/`;

  beforeAll(() => {
    deps = testReplayDeps();
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) await deleteQueue(deps.sqs, queue);
    await deleteTopics(topics.splice(0));
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix);
  });

  async function queueWith(bodies: string[]): Promise<string> {
    const queueUrl = await createQueue(deps.sqs);
    queues.push(queueUrl);
    await sendBodies(deps.sqs, queueUrl, bodies);
    return queueUrl;
  }

  const requestFor = async (queueUrl: string, topic: string) => ({
    replayId: randomName('replay'),
    source: { kind: 'sqs', queueUrl },
    target: { kind: 'topic', topic, cluster: await localCluster() },
    parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
  });

  it('dry run: counts by kind, topic, error and age, finds the oldest, changes nothing and leaves every message visible', async () => {
    // Prepare: envelopes of two topics, an on-failure record, a plain message.
    const envelopes = Array.from({ length: 20 }, (_, i) => ({
      ...kafkaEnvelope(i % 2 === 0 ? 'orders.events' : 'payments.events', i, {
        key: null,
        value: Buffer.from('v'),
      }),
      error: { name: i < 15 ? 'DownstreamTimeout' : 'SchemaMismatch', message: 'x' },
      firstFailedAt: i === 7 ? '2026-01-01T00:00:00.000Z' : '2026-11-01T10:00:00.000Z',
    }));
    const onFailure = {
      requestContext: { condition: 'RetryAttemptsExhausted' },
      responseContext: { functionError: 'Unhandled' },
      timestamp: '2026-11-20T08:00:00.000Z',
      KafkaBatchInfo: {
        batchSize: 40,
        recordsInfo: { 'orders.events-0': { firstRecordOffset: '0', lastRecordOffset: '39' } },
      },
    };
    const queueUrl = await queueWith([
      ...envelopes.map((e) => JSON.stringify(e)),
      JSON.stringify(onFailure),
      'plain text',
    ]);
    const topic = randomName('never-created');
    const historyDir = mkdtempSync(join(tmpdir(), 'replay-history-'));
    const history = new ExecutionHistoryStore(historyDir);
    const request = { ...(await requestFor(queueUrl, topic)), dryRun: true };

    // Act
    const result = await runReplayLocally({ deps, waitMs: 0, input: request, history });
    const recorded = history.list();
    const stored = recorded[0] ? history.read(recorded[0].id) : undefined;
    rmSync(historyDir, { recursive: true, force: true });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.output).toMatchObject({
      status: 'SUCCEEDED',
      dryRun: true,
      received: 22,
      replayed: 0,
      parked: 0,
      oldestFailedAt: '2026-01-01T00:00:00.000Z',
      counts: {
        byKind: { envelope: 20, 'kafka-on-failure': 1, plain: 1 },
        byTopic: { 'orders.events': 11, 'payments.events': 10 },
        byErrorName: { DownstreamTimeout: 15, SchemaMismatch: 5, Unhandled: 1, '(none)': 1 },
        records: 61,
        oldest: { failedAt: '2026-01-01T00:00:00.000Z', kind: 'envelope', topics: ['payments.events'] },
      },
    });
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 22, inFlight: 0 });
    expect(await listKeys(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix)).toEqual([]);
    expect(result.events.some((e) => e.state === 'Acquire Replay Lock')).toBe(false);
    // Recorded for `msk-flows console` like onboarding and offboarding runs, under its replay id.
    expect(recorded).toEqual([
      expect.objectContaining({ workflow: 'replay', requestId: request.replayId, status: 'SUCCEEDED' }),
    ]);
    expect(stored?.events.length).toBeGreaterThan(0);
  }, 300_000);

  it('refuses a second replay of the same queue while one runs, and runs again once the lock is released', async () => {
    // Prepare
    const queueUrl = await queueWith([
      JSON.stringify(kafkaEnvelope('orders.events', 1, { key: null, value: Buffer.from('v') })),
    ]);
    const topic = await createTopic(1);
    topics.push(topic);
    const first = await requestFor(queueUrl, topic);
    let second: Awaited<ReturnType<typeof runReplayLocally>> | undefined;

    // Act: the second run starts while the first one's round is running.
    const firstRun = await runReplayLocally({
      deps,
      waitMs: 0,
      input: first,
      override: (tasks) => ({
        replayBatch: async (input, context) => {
          second ??= await runReplayLocally({ deps, waitMs: 0, input: await requestFor(queueUrl, topic) });
          return tasks.replayBatch(input, context);
        },
      }),
    });
    const third = await runReplayLocally({ deps, waitMs: 0, input: await requestFor(queueUrl, topic) });

    // Assess
    expect(second?.status).toBe('FAILED');
    expect(second?.error?.name).toBe('ReplayAlreadyRunning');
    expect(second?.error?.cause).toContain(`replay ${first.replayId}`);
    expect(second?.events.some((e) => e.state === 'Replay Batch')).toBe(false);
    expect(firstRun.output).toMatchObject({ replayed: 1 });
    expect(third.error).toBeUndefined();
    expect(third.status).toBe('SUCCEEDED');
    expect(await readTopic(topic)).toHaveLength(1);
  }, 300_000);

  it('takes over the lock of a run that crashed once it has expired', async () => {
    // Prepare: a lock left behind by a crashed execution, expired a minute ago.
    const queueUrl = await queueWith([
      JSON.stringify(kafkaEnvelope('orders.events', 1, { key: null, value: Buffer.from('v') })),
    ]);
    const topic = await createTopic(1);
    topics.push(topic);
    const stale = {
      queueUrl,
      replayId: 'crashed',
      execution: 'crashed-1',
      acquiredAt: Date.now() - 7_200_000,
      expiresAt: Date.now() - 60_000,
    };
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: LOCAL_PARKING_BUCKET,
        Key: lockKey(queueUrl),
        Body: JSON.stringify(stale),
      }),
    );

    // Act
    const result = await runReplayLocally({ deps, waitMs: 0, input: await requestFor(queueUrl, topic) });

    // Assess: replayed, and the lock is gone afterwards.
    expect(result.output).toMatchObject({ status: 'SUCCEEDED', replayed: 1 });
    expect(await listKeys(deps.s3, LOCAL_PARKING_BUCKET, lockKey(queueUrl))).toEqual([]);
  }, 300_000);
});
