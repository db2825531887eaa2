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

describe('DLQ replay into a topic that refuses some records', () => {
  let deps: ReplayDeps;
  let queueUrl: string;
  const topic = randomName('replay');
  const parkingPrefix = `parked/${randomName('t')}/`;

  beforeAll(async () => {
    deps = testReplayDeps();
    queueUrl = await createQueue(deps.sqs);
    await withAdmin(await localKafkaClient(), (admin) =>
      admin.createTopics({
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '2048' }] }],
        waitForLeaders: true,
      }),
    );
  });

  afterAll(async () => {
    await deleteQueue(deps.sqs, queueUrl);
    await deleteTopics([topic]);
    await deletePrefix(deps.s3, LOCAL_PARKING_BUCKET, parkingPrefix);
  });

  it('parks exactly the records the broker refuses alone, delivers the rest, and never sends to the original topic unasked', async () => {
    // Prepare: 20 small records, 2 over the topic's 2 KiB limit, and one whose origin is the target topic.
    const bodies = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify(
        kafkaEnvelope('orders.events', i, {
          key: null,
          value: Buffer.alloc(i === 5 || i === 15 ? 4096 : 100, 'v'),
        }),
      ),
    );
    bodies.push(JSON.stringify(kafkaEnvelope(topic, 99, { key: null, value: Buffer.from('back home') })));
    await sendBodies(deps.sqs, queueUrl, bodies);

    // Act
    const result = await runReplayLocally({
      deps,
      waitMs: 0,
      input: {
        replayId: randomName('replay'),
        source: { kind: 'sqs', queueUrl },
        target: { kind: 'topic', topic, cluster: await localCluster() },
        parking: { bucket: LOCAL_PARKING_BUCKET, prefix: parkingPrefix },
      },
    });

    // Assess
    expect(result.error).toBeUndefined();
    expect(result.output).toMatchObject({ received: 21, replayed: 18, parked: 2, skipped: 1 });
    const records = await readTopic(topic);
    expect(
      records.map((r) => Number(header(r, 'replay-source')?.split('@')[1])).sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 5 && i !== 15));
    const parked = await parkedDocuments(deps.s3, parkingPrefix);
    expect(parked.flatMap((d) => d.reasons.map((r) => r.reason))).toEqual([
      expect.stringMatching(/^TargetRefusedRecord: /),
      expect.stringMatching(/^TargetRefusedRecord: /),
    ]);
    // The record from the target topic itself stays in the queue (hidden for the rest of the run).
    expect(await queueDepth(deps.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 1 });
  }, 180_000);
});
