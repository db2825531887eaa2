/**
 * DLQ replay: records/s from an SQS dead-letter queue (ElasticMQ) into a Kafka topic, through the
 * synthesized replay state machine run in-process, beside SQS redrive's documented ceiling.
 */
import { Producer } from '@platformatic/kafka';
import { LOCAL_PARKING_BUCKET } from '../cli/local/replayTasks';
import { runReplayLocally, synthesizedReplay } from '../cli/local/runReplayLocally';
import { ensureLocalStack } from '../scripts/local/index';
import { platformaticAdminOptions } from '../tasks/onboarding/kafka/platformaticAdmin';
import { localKafkaConfig } from '../test/helpers/localStack';
import {
  createQueue,
  createTopic,
  deleteQueue,
  deleteTopics,
  kafkaEnvelope,
  localCluster,
  sendBodies,
  testReplayDeps,
} from '../test/integration/replay/support';
import type { BenchResult } from './types';

const RUNS = 5;
const ENVELOPES = 5_000;
const RECORD_BYTES = 1024;
/** On-failure records: 60 messages, each naming a range of 500 records (Lambda's batches are often larger). */
const RANGES = 60;
const RANGE_RECORDS = 500;
/** `StartMessageMoveTask` moves at most 500 messages per second, SQS → SQS only. */
const SQS_REDRIVE_MSG_PER_SEC = 500;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const span = (values: number[]) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

async function replayOnce(
  queueUrl: string,
  topic: string,
  deps: ReturnType<typeof testReplayDeps>,
  expected: number,
): Promise<number> {
  const result = await runReplayLocally({
    deps,
    waitMs: 0,
    input: {
      replayId: `bench-${Date.now()}`,
      source: { kind: 'sqs', queueUrl },
      target: { kind: 'topic', topic, cluster: await localCluster() },
      ratePerSecond: 100_000,
      maxMessages: 1_000_000,
      parking: { bucket: LOCAL_PARKING_BUCKET, prefix: 'parked/bench/' },
    },
  });
  const replayed = (result.output as { replayed?: number } | undefined)?.replayed ?? 0;
  if (replayed !== expected)
    throw new Error(`replayed ${replayed} of ${expected}: ${JSON.stringify(result.error)}`);
  return replayed / (result.durationMs / 1000);
}

function onFailureBody(topic: string, partition: number, first: number): string {
  return JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted' },
    responseContext: { functionError: 'Unhandled' },
    timestamp: new Date().toISOString(),
    KafkaBatchInfo: {
      batchSize: RANGE_RECORDS,
      recordsInfo: {
        [`${topic}-${partition}`]: {
          firstRecordOffset: String(first),
          lastRecordOffset: String(first + RANGE_RECORDS - 1),
        },
      },
    },
  });
}

/** DLQ → Kafka records/s: our envelopes (one record per message) and Kafka on-failure ranges read back by offset. */
export async function run(): Promise<BenchResult> {
  await ensureLocalStack();
  synthesizedReplay(); // once, outside every measurement
  const deps = testReplayDeps();
  const value = Buffer.alloc(RECORD_BYTES, 'x');
  const envelopes: number[] = [];
  const ranges: number[] = [];
  const source = await createTopic(3);
  const topics = [source];
  // The source of the on-failure ranges: RANGES × RANGE_RECORDS records over 3 partitions.
  const producer = new Producer({
    ...(await platformaticAdminOptions(await localKafkaConfig())),
    clientId: 'bench',
    idempotent: true,
    acks: -1,
  });
  const perPartition = (RANGES / 3) * RANGE_RECORDS;
  for (const partition of [0, 1, 2]) {
    for (let i = 0; i < perPartition; i += 1_000) {
      await producer.send({
        messages: Array.from({ length: 1_000 }, () => ({ topic: source, partition, value })),
      });
    }
  }
  await producer.close();
  try {
    for (let i = 0; i < RUNS; i++) {
      const queueUrl = await createQueue(deps.sqs, 'bench');
      const target = await createTopic(3);
      topics.push(target);
      await sendBodies(
        deps.sqs,
        queueUrl,
        Array.from({ length: ENVELOPES }, (_, n) =>
          JSON.stringify(kafkaEnvelope('orders.events', n, { key: Buffer.from(`k${n % 100}`), value })),
        ),
      );
      envelopes.push(await replayOnce(queueUrl, target, deps, ENVELOPES));
      await sendBodies(
        deps.sqs,
        queueUrl,
        Array.from({ length: RANGES }, (_, n) =>
          onFailureBody(source, n % 3, Math.floor(n / 3) * RANGE_RECORDS),
        ),
      );
      ranges.push(await replayOnce(queueUrl, target, deps, RANGES * RANGE_RECORDS));
      await deleteQueue(deps.sqs, queueUrl);
    }
  } finally {
    await deleteTopics(topics);
  }
  const markdown = [
    `Dead letters replayed from an SQS queue (ElasticMQ) into a 3-partition topic by the synthesized replay state machine, run in-process (rounds of up to 5,000 records, idempotent producer, \`acks=-1\`); ${RUNS} runs each, median and min–max. SQS redrive (\`StartMessageMoveTask\`) is documented at 500 messages/s at most, SQS → SQS only.`,
    '',
    '| what | records/s (median) | min–max | vs SQS redrive |',
    '| --- | ---: | ---: | ---: |',
    `| our envelopes, ${fmt(ENVELOPES)} × 1 KiB (one SQS message each: receive, produce, delete) | ${fmt(median(envelopes))} | ${span(envelopes)} | ${(median(envelopes) / SQS_REDRIVE_MSG_PER_SEC).toFixed(1)}× |`,
    `| Kafka on-failure records, ${RANGES} × ${RANGE_RECORDS}-record ranges read back by offset | ${fmt(median(ranges))} | ${span(ranges)} | ${(median(ranges) / SQS_REDRIVE_MSG_PER_SEC).toFixed(1)}× |`,
    `| SQS redrive, documented ceiling | ${fmt(SQS_REDRIVE_MSG_PER_SEC)} | | 1× |`,
    '',
    'Envelopes are bound by the local SQS server (one receive and one delete per ten messages); on-failure records carry a whole batch per message, so the broker sets the pace. Goal: ≥ 2,000 records/s.',
  ].join('\n');
  return { title: 'DLQ replay → Kafka', markdown, data: { envelopes, ranges, runs: RUNS } };
}
