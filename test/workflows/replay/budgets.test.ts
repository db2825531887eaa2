import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import type { RunResult } from '../../../workflows/local';
import { randomName } from '../../helpers/names';
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

/** The waitSeconds each "Wait Between Batches" state was entered with. */
function waits(result: RunResult): number[] {
  return result.events
    .filter((e) => e.type === 'StateEntered' && e.state === 'Wait Between Batches')
    .map((e) => (e.input as { progress: { waitSeconds: number } }).progress.waitSeconds);
}

describe('DLQ replay state machine: budgets and rate', () => {
  let deps: ReplayDeps;
  const queues: string[] = [];
  const topics: string[] = [];

  beforeAll(() => {
    deps = testReplayDeps();
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) await deleteQueue(deps.sqs, queue);
    await deleteTopics(topics.splice(0));
  });

  async function prepare(
    count: number,
  ): Promise<{ queueUrl: string; topic: string; request: Record<string, unknown> }> {
    const queueUrl = await createQueue(deps.sqs);
    const topic = await createTopic(1);
    queues.push(queueUrl);
    topics.push(topic);
    await sendBodies(
      deps.sqs,
      queueUrl,
      Array.from({ length: count }, (_, i) =>
        JSON.stringify(kafkaEnvelope('orders.events', i, { key: null, value: Buffer.from(`v${i}`) })),
      ),
    );
    const request = {
      replayId: randomName('replay'),
      source: { kind: 'sqs', queueUrl },
      target: { kind: 'topic', topic, cluster: await localCluster() },
      parking: { bucket: LOCAL_PARKING_BUCKET, prefix: `parked/${randomName('t')}/` },
    };
    return { queueUrl, topic, request };
  }

  it('stops at maxMessages and leaves the rest in the queue', async () => {
    // Prepare
    const { queueUrl, topic, request } = await prepare(50);

    // Act
    const result = await runReplayLocally({
      deps,
      waitMs: 0,
      input: { ...request, maxMessages: 20, ratePerSecond: 100_000 },
    });

    // Assess
    expect(result.output).toMatchObject({
      received: 20,
      replayed: 20,
      stoppedBy: 'maxMessages',
      remaining: 30,
    });
    expect(await readTopic(topic)).toHaveLength(20);
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 30, inFlight: 0 });
  }, 300_000);

  it('paces rounds with computed Wait states so the average stays within ratePerSecond', async () => {
    // Prepare: 5 records/s makes rounds of 25 records; the clock stands still, so the waits are exact.
    const { topic, request } = await prepare(60);
    const frozen = Date.now();

    // Act
    const result = await runReplayLocally({
      deps: testReplayDeps({ now: () => frozen }),
      waitMs: 0,
      input: { ...request, ratePerSecond: 5 },
    });

    // Assess: after 25 records the next round may start 5 s after the start, after 50 records 10 s after.
    expect(result.output).toMatchObject({ received: 60, replayed: 60, stoppedBy: 'drained', rounds: 3 });
    expect(waits(result)).toEqual([5, 10]);
    expect(result.events.filter((e) => e.type === 'StateEntered' && e.state === 'Replay Batch')).toHaveLength(
      3,
    );
    expect(await readTopic(topic)).toHaveLength(60);
  }, 300_000);

  it('stops starting rounds at maxSeconds (the clock moves an hour after the first round)', async () => {
    // Prepare
    const { queueUrl, request } = await prepare(40);
    let skew = 0;
    const clocked = testReplayDeps({ now: () => Date.now() + skew });

    // Act
    const result = await runReplayLocally({
      deps: clocked,
      waitMs: 0,
      input: { ...request, ratePerSecond: 2, maxSeconds: 60 },
      override: (tasks) => ({
        replayBatch: async (input, context) => {
          const progress = await tasks.replayBatch(input, context);
          skew += 3_600_000;
          return progress;
        },
      }),
    });

    // Assess: one round of 10 records, then the deadline has passed.
    expect(result.output).toMatchObject({ replayed: 10, stoppedBy: 'maxSeconds', remaining: 30 });
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 30, inFlight: 0 });
  }, 300_000);
});
