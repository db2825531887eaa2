import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logLevel } from 'kafkajs';
import { LOCAL_PARKING_BUCKET } from '../../../cli/local/replayTasks';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import { createKafka, withAdmin } from '../../../tasks/shared/kafka/client';
import { randomName } from '../../helpers/names';
import { deletePrefix } from '../local/support';
import { FaultBroker } from './faultBroker';
import {
  createQueue,
  deleteQueue,
  header,
  kafkaEnvelope,
  queueDepth,
  sendBodies,
  testReplayDeps,
} from './support';

const MESSAGES = 3_000;

describe('DLQ replay when the broker stops mid-run', () => {
  let broker: FaultBroker;
  let deps: ReplayDeps;
  let queueUrl: string;
  const topic = randomName('replay');
  const parkingPrefix = `parked/${randomName('t')}/`;

  beforeAll(async () => {
    broker = await FaultBroker.start();
    // The request names the fault broker; its connection is its own admin's secret file.
    deps = testReplayDeps({ kafkaConnection: async () => broker.connection });
    queueUrl = await createQueue(deps.sqs);
    const kafka = await createKafka(broker.connection, { options: { logLevel: logLevel.NOTHING } });
    await withAdmin(kafka, (admin) =>
      admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }),
    );
  }, 180_000);

  afterAll(async () => {
    await broker?.destroy();
    await deleteQueue(deps.sqs, queueUrl);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix);
  });

  /** Every record of the topic, by its replay-source header (duplicates kept). */
  async function sourcesInTopic(): Promise<string[]> {
    const kafka = await createKafka(broker.connection, { options: { logLevel: logLevel.NOTHING } });
    const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
    const total = ends.reduce((sum, p) => sum + Number(p.high), 0);
    const consumer = kafka.consumer({ groupId: randomName('g') });
    const sources: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        if (total === 0) return resolve();
        const timer = setTimeout(() => reject(new Error(`read ${sources.length}/${total}`)), 60_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              sources.push(header(message, 'replay-source') ?? '?');
              if (sources.length >= total) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return sources;
  }

  it('fails cleanly, keeps every unacknowledged message in the DLQ, and a rerun after the restart loses nothing', async () => {
    // Prepare
    const expected = Array.from({ length: MESSAGES }, (_, i) => `kafka:orders.events/${i % 3}@${i}`);
    await sendBodies(
      deps.sqs,
      queueUrl,
      Array.from({ length: MESSAGES }, (_, i) =>
        JSON.stringify(
          kafkaEnvelope('orders.events', i, { key: Buffer.from(`k${i % 7}`), value: Buffer.from(`v${i}`) }),
        ),
      ),
    );
    const request = (replayId: string) => ({
      replayId,
      source: { kind: 'sqs', queueUrl },
      target: {
        kind: 'topic',
        topic,
        cluster: { kind: 'self-managed', bootstrapServers: broker.connection.brokers },
      },
      // 200 records/s: rounds of 1,000 records, so the broker stops while the run is under way.
      ratePerSecond: 200,
      parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
    });
    let rounds = 0;

    // Act: the broker is stopped (SIGTERM) as the second round starts.
    const failed = await runReplayLocally({
      deps,
      waitMs: 0,
      input: request(randomName('replay')),
      override: (tasks) => ({
        replayBatch: async (input, context) => {
          rounds++;
          if (rounds === 2) await broker.stop();
          return tasks.replayBatch(input, context);
        },
      }),
    });

    // Assess: failed with the broker's error after the retries, nothing unacknowledged deleted.
    expect(failed.status).toBe('FAILED');
    expect(['KafkaConnectionError', 'KafkaRetriableError']).toContain(failed.error?.name);
    expect(
      failed.events.some((e) => e.type === 'StateEntered' && e.state === 'Release Lock After Failure'),
    ).toBe(true);
    await broker.resume();
    const delivered = new Set(await sourcesInTopic());
    const depth = await queueDepth(deps.sqs, queueUrl);
    expect(depth.inFlight).toBe(0);
    expect(delivered.size).toBeGreaterThan(0);
    expect(delivered.size + depth.visible).toBeGreaterThanOrEqual(MESSAGES);

    // Act: a rerun after the restart.
    const rerun = await runReplayLocally({
      deps,
      waitMs: 0,
      input: { ...request(randomName('replay')), ratePerSecond: 100_000 },
    });

    // Assess: every record in the topic, duplicates at most one in-flight chunk (2,000 records).
    expect(rerun.error).toBeUndefined();
    expect(rerun.output).toMatchObject({ status: 'SUCCEEDED', parked: 0, remaining: 0 });
    const all = await sourcesInTopic();
    expect(new Set(all)).toEqual(new Set(expected));
    expect(all.length - MESSAGES).toBeLessThanOrEqual(2_000);
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  }, 420_000);
});
