/**
 * DLQ replay: records/s from an SQS dead-letter queue (ElasticMQ) into a Kafka topic, through the
 * synthesized replay state machine run in-process, beside SQS redrive's documented ceiling.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Producer } from '@platformatic/kafka';
import { LOCAL_PARKING_BUCKET } from '../cli/local/replayTasks';
import { runReplayLocally, synthesizedReplay } from '../cli/local/runReplayLocally';
import { ensureLocalStack } from '../scripts/local/index';
import { platformaticAdminOptions } from '../tasks/onboarding/kafka/platformaticAdmin';
import { deleteMessages, receiveWave } from '../tasks/replay/queue';
import { localKafkaConfig } from '../test/helpers/localStack';
import {
  createQueue,
  deleteQueue,
  kafkaEnvelope,
  localCluster,
  sendBodies,
  testReplayDeps,
} from '../test/integration/replay/support';
import { randomLetters } from './lib/payload';
import { cell, fmt, interleave, summarize } from './lib/stats';
import { BenchTopics } from './lib/topics';
import type { BenchResult } from './types';

const RUNS = 5;
const ENVELOPES = 5_000;
/** A larger backlog of the same envelopes: with the 5,000 it separates the steady rate from the per-run cost. */
const LARGE_ENVELOPES = 20_000;
const RECORD_BYTES = 1024;
/** On-failure records: 60 messages, each naming a range of 500 records (Lambda's batches are often larger). */
const RANGES = 60;
const RANGE_RECORDS = 500;
/** Documented, not measured: `StartMessageMoveTask` moves at most 500 messages per second, SQS → SQS only. */
const SQS_REDRIVE_MSG_PER_SEC = 500;
/** The replay's goal (issue 12). */
const GOAL_RECORDS_PER_SEC = 2_000;
/** Records per replay round at this bench's rate (roundRecordTarget). */
const ROUND = 5_000;

async function replayOnce(
  queueUrl: string,
  topic: string,
  deps: ReturnType<typeof testReplayDeps>,
  expected: number,
): Promise<number> {
  const result = await runReplayLocally({
    deps,
    waitMs: 0,
    history: false,
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

/** The replay's receive wave (ten ReceiveMessage calls of ten) and how many it keeps in flight (runRound). */
const WAVE = 100;
const WAVES_IN_FLIGHT = 4;

/**
 * The queue alone, received as the replay receives it (waves of ten calls of ten, four waves in flight) and
 * deleted in batches of ten, no Kafka; short polls, so no final long poll; messages/s.
 */
async function drainOnly(sqs: SQSClient, queueUrl: string, expected: number): Promise<number> {
  const started = performance.now();
  let drained = 0;
  const worker = async () => {
    while (drained < expected) {
      const wave = await receiveWave(sqs, queueUrl, { max: WAVE, visibilitySeconds: 300, waitSeconds: 0 });
      const failed = await deleteMessages(sqs, queueUrl, wave.messages);
      if (failed.length > 0) throw new Error(`${failed.length} deletes failed`);
      drained += wave.messages.length;
    }
  };
  await Promise.all(Array.from({ length: WAVES_IN_FLIGHT }, worker));
  return drained / ((performance.now() - started) / 1000);
}

/** DLQ → Kafka records/s: our envelopes (one record per message) and Kafka on-failure ranges read back by offset. */
export async function run(): Promise<BenchResult> {
  await ensureLocalStack();
  synthesizedReplay(); // once, outside every measurement
  const deps = testReplayDeps();
  const topics = new BenchTopics();
  const source = await topics.create(3);
  // The source of the on-failure ranges: RANGES × RANGE_RECORDS records of random letters over 3 partitions.
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
        messages: Array.from({ length: 1_000 }, () => ({
          topic: source,
          partition,
          value: randomLetters(RECORD_BYTES),
        })),
      });
    }
  }
  await producer.close();
  const envelopeBodies = (count = ENVELOPES) =>
    Array.from({ length: count }, (_, n) =>
      JSON.stringify(
        kafkaEnvelope('orders.events', n, {
          key: Buffer.from(`k${n % 100}`),
          value: randomLetters(RECORD_BYTES),
        }),
      ),
    );
  /** A fresh queue holding `bodies` and a fresh target topic for `measure`, both removed afterwards. */
  const withQueue = async (
    bodies: string[],
    measure: (queueUrl: string, target: string) => Promise<number>,
  ) => {
    const queueUrl = await createQueue(deps.sqs, 'bench');
    const target = await topics.create(3);
    try {
      await sendBodies(deps.sqs, queueUrl, bodies);
      return await measure(queueUrl, target);
    } finally {
      await deleteQueue(deps.sqs, queueUrl);
    }
  };
  let samples: Record<'envelopes' | 'largeBacklog' | 'ranges' | 'sqsOnly', number[]>;
  try {
    samples = await interleave(RUNS, {
      envelopes: () => withQueue(envelopeBodies(), (q, t) => replayOnce(q, t, deps, ENVELOPES)),
      largeBacklog: () =>
        withQueue(envelopeBodies(LARGE_ENVELOPES), (q, t) => replayOnce(q, t, deps, LARGE_ENVELOPES)),
      ranges: () =>
        withQueue(
          Array.from({ length: RANGES }, (_, n) =>
            onFailureBody(source, n % 3, Math.floor(n / 3) * RANGE_RECORDS),
          ),
          (q, t) => replayOnce(q, t, deps, RANGES * RANGE_RECORDS),
        ),
      sqsOnly: () => withQueue(envelopeBodies(), (q) => drainOnly(deps.sqs, q, ENVELOPES)),
    });
  } finally {
    await topics.deleteAll();
  }
  const envelopes = summarize(samples.envelopes);
  const largeBacklog = summarize(samples.largeBacklog);
  const ranges = summarize(samples.ranges);
  const sqsOnly = summarize(samples.sqsOnly);
  // Per round, from its two envelope runs (same records, same settings): the steady rate is what the extra
  // 15,000 envelopes took, the per-run cost what the 5,000-envelope run took beyond its records at that rate
  // (the lock, the states, the emptiness probe's long poll).
  const seconds = (n: number, rate: number) => n / rate;
  const steadyRates = samples.envelopes.map(
    (rate, i) =>
      (LARGE_ENVELOPES - ENVELOPES) /
      (seconds(LARGE_ENVELOPES, samples.largeBacklog[i] as number) - seconds(ENVELOPES, rate)),
  );
  const fixedSeconds = samples.envelopes.map(
    (rate, i) => seconds(ENVELOPES, rate) - ENVELOPES / (steadyRates[i] as number),
  );
  const steady = summarize(steadyRates);
  const fixed = summarize(fixedSeconds);
  const redrive = (s: typeof envelopes) => `${(s.median / SQS_REDRIVE_MSG_PER_SEC).toFixed(1)}×`;
  const verdict = (s: typeof envelopes) =>
    `${fmt(s.median)} records/s, ${s.median >= GOAL_RECORDS_PER_SEC ? 'meets' : '**misses**'} the goal ≥ ${fmt(GOAL_RECORDS_PER_SEC)}`;
  const share = steady.median / sqsOnly.median;
  const markdown = [
    `Dead letters replayed from an SQS queue (ElasticMQ) into a 3-partition topic by the synthesized replay state machine, run in-process (rounds of up to ${fmt(ROUND)} records, idempotent producer, \`acks=-1\`); values are ${RECORD_BYTES} B of random letters. ${RUNS} rounds, the four rows interleaved (the first row rotating); median (min–max). Every replay ends by proving the queue empty with a long-polled receive (SQS's shortest, 1 s; a short poll can answer "empty" while messages are left), so a run's records/s depends on its backlog: the two envelope rows are one backlog of 5,000 and one of 20,000, and from each round's pair come the steady rate and the per-run cost. SQS redrive (\`StartMessageMoveTask\`) is documented at ${SQS_REDRIVE_MSG_PER_SEC} messages/s at most, SQS → SQS only (documented, not measured here).`,
    '',
    `| what | records/s | ÷ SQS redrive's documented ${SQS_REDRIVE_MSG_PER_SEC}/s |`,
    '| --- | ---: | ---: |',
    `| our envelopes, ${fmt(ENVELOPES)} (one SQS message each: receive, produce, delete), end to end | ${cell(envelopes)} | ${redrive(envelopes)} |`,
    `| our envelopes, ${fmt(LARGE_ENVELOPES)}, end to end | ${cell(largeBacklog)} | ${redrive(largeBacklog)} |`,
    `| our envelopes, steady rate: the extra ${fmt(LARGE_ENVELOPES - ENVELOPES)} envelopes ÷ the extra time they took | ${cell(steady)} | ${redrive(steady)} |`,
    `| Kafka on-failure records, ${RANGES} × ${RANGE_RECORDS}-record ranges read back by offset, end to end | ${cell(ranges)} | ${redrive(ranges)} |`,
    `| the queue alone: ${fmt(ENVELOPES)} envelopes received in the replay's waves (${WAVES_IN_FLIGHT} × ${WAVE} in flight) and deleted in batches, no Kafka, no final long poll | ${cell(sqsOnly)} | ${redrive(sqsOnly)} |`,
    '',
    `- Envelopes, steady rate: ${verdict(steady)}; on-failure ranges: ${verdict(ranges)}. End to end, ${fmt(ENVELOPES)} envelopes: ${verdict(envelopes)}; ${fmt(LARGE_ENVELOPES)}: ${verdict(largeBacklog)}.`,
    `- Per run, beyond its records: ${fixed.median.toFixed(2)} s (${fixed.min.toFixed(2)}–${fixed.max.toFixed(2)}), the emptiness proof's long poll most of it.`,
    `- The steady envelope rate is ${(share * 100).toFixed(0)} % of what the local queue alone sustains for the same messages (${fmt(sqsOnly.median)} messages/s)${share >= 0.75 ? ': the queue sets the pace here' : ''}.`,
  ].join('\n');
  return {
    title: 'DLQ replay → Kafka',
    markdown,
    data: { runs: RUNS, envelopes, largeBacklog, steady, fixed, ranges, sqsOnly },
  };
}
