import { availableParallelism } from 'node:os';
import type { KinesisStreamEvent } from 'aws-lambda';
import { type Kafka, logLevel } from 'kafkajs';
import { ensureLocalStack } from '../scripts/local/index';
import { createLocalHandler } from '../scripts/local/ingest/kinesisToKafka';
import { createKafka } from '../tasks/shared/kafka/client';
import type { KafkaConnectionConfig } from '../tasks/shared/kafka/config';
import { readScramCredentials } from '../tasks/shared/secrets/scramCredentials';
import { kinesisEvent, letters } from '../test/unit/ingest/kinesisToKafka/kinesisEvents';
import { runProducerPerformance } from './lib/producerPerformance';
import type { BenchResult } from './types';

const RECORDS = 10_000;
const RECORD_BYTES = 1024;
const PARTITIONS = 3;
const KEYS = 100;
const RUNS = 3;
/** A longer Java run, past the JVM's warm-up: its steady state. */
const STEADY_RECORDS = 100_000;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const rate = (ms: number): number => RECORDS / (ms / 1000);
const mib = (recordsPerSec: number): number => (recordsPerSec * RECORD_BYTES) / 2 ** 20;

/** Deterministic random letters, the payload ProducerPerformance generates for `--record-size`. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function withTopics<T>(kafka: Kafka, fn: (newTopic: () => Promise<string>) => Promise<T>): Promise<T> {
  const topics: string[] = [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(async () => {
      const topic = `bench-kinesis-to-kafka-${Date.now()}-${topics.length}`;
      topics.push(topic);
      await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
      return topic;
    });
  } finally {
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  }
}

/** The handler as Lambda runs it: the first invocation connects (cold), the next ones reuse the producer. */
async function bridgeInvoker(event: KinesisStreamEvent, topic: string, env: Record<string, string>) {
  const handler = await createLocalHandler({ TARGET_TOPIC: topic, ...env });
  const invoke = async (): Promise<number> => {
    const started = performance.now();
    const result = await handler(event);
    const ms = performance.now() - started;
    if (result.batchItemFailures.length > 0)
      throw new Error(`handler reported failures: ${JSON.stringify(result)}`);
    return rate(ms);
  };
  return { invoke, close: () => handler.close() };
}

/** Runs `fn` with Powertools quiet (its JSON logs and EMF would go to stdout, where the report goes). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const quiet: Record<string, string> = {
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
  const saved = Object.fromEntries(Object.keys(quiet).map((k) => [k, process.env[k]]));
  Object.assign(process.env, quiet);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The floor: what the seed's bridge does, one awaited `send` per record (acks=-1, no key, no batching). */
async function naiveRate(kafka: Kafka, event: KinesisStreamEvent, topic: string): Promise<number> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const started = performance.now();
    for (const record of event.Records) {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ value: Buffer.from(record.kinesis.data, 'base64') }],
      });
    }
    return rate(performance.now() - started);
  } finally {
    await producer.disconnect();
  }
}

/** Kinesis → Kafka bridge: records/s of one 10,000 × 1 KiB event, against Kafka's own tool and a naive loop. */
export async function run(): Promise<BenchResult> {
  const { stack } = await ensureLocalStack({ services: ['kafka'] });
  if (!stack.kafka) throw new Error('the local Kafka broker did not come up');
  const connection: KafkaConnectionConfig = {
    brokers: stack.kafka.bootstrapServers,
    auth: { type: 'scram', secret: { kind: 'file', path: stack.kafka.adminSecretFile }, plaintext: true },
    clientId: 'msk-flows-bench',
  };
  const credentials = await readScramCredentials({ kind: 'file', path: stack.kafka.adminSecretFile });
  const kafka = await createKafka(connection, { options: { logLevel: logLevel.ERROR } });
  const random = seeded(42);
  const event = kinesisEvent({ count: RECORDS, keys: KEYS, value: () => letters(RECORD_BYTES, random) });
  const env = {
    // The DLQ is never used here (no record is oversized); the variables are required all the same.
    DLQ_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/msk-flows-local-dlq',
    DLQ_BUCKET: 'msk-flows-local-dlq',
  };

  const measured = await withTopics(kafka, async (newTopic) => {
    const java = async (numRecords: number, props: Record<string, string> = {}) =>
      (
        await runProducerPerformance({
          topic: await newTopic(),
          numRecords,
          recordSize: RECORD_BYTES,
          bootstrapServers: connection.brokers,
          credentials,
          producerProps: { acks: 'all', ...props },
          log: (m) => process.stderr.write(`${m}\n`),
        })
      ).recordsPerSec;
    return quietly(async () => {
      const bridge = await bridgeInvoker(event, await newTopic(), env);
      try {
        const cold = await bridge.invoke();
        // Interleaved, so a change in the machine's load hits every producer alike.
        const javaPlain: number[] = [];
        const javaGzip: number[] = [];
        const warm: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          javaPlain.push(await java(RECORDS));
          javaGzip.push(await java(RECORDS, { 'compression.type': 'gzip' }));
          warm.push(await bridge.invoke());
        }
        const steadyPlain = await java(STEADY_RECORDS);
        const steadyGzip = await java(STEADY_RECORDS, { 'compression.type': 'gzip' });
        const naive = await naiveRate(kafka, event, await newTopic());
        return { javaPlain, javaGzip, steadyPlain, steadyGzip, bridge: { cold, warm }, naive };
      } finally {
        await bridge.close();
      }
    });
  });

  const ceiling = median(measured.javaPlain);
  const warm = median(measured.bridge.warm);
  const rows: [string, number][] = [
    ['Kafka `ProducerPerformance` (Java client, `acks=all`, no compression) — ceiling', ceiling],
    ['Kafka `ProducerPerformance`, `compression.type=gzip`', median(measured.javaGzip)],
    ['**kinesis-to-kafka handler, warm** (idempotent, `acks=-1`, GZIP)', warm],
    [
      'kinesis-to-kafka handler, cold (connect, SCRAM, InitProducerId, DescribeConfigs)',
      measured.bridge.cold,
    ],
    [
      `\`ProducerPerformance\` steady state (${STEADY_RECORDS.toLocaleString('en')} records), no compression`,
      measured.steadyPlain,
    ],
    [
      `\`ProducerPerformance\` steady state (${STEADY_RECORDS.toLocaleString('en')} records), gzip`,
      measured.steadyGzip,
    ],
    ['Naive loop: one awaited kafkajs `send` per record (`acks=-1`) — floor', measured.naive],
  ];
  const markdown = [
    `One Kinesis trigger event of ${RECORDS.toLocaleString('en')} records × ${RECORD_BYTES} B (random letters, ` +
      `${KEYS} partition keys) through the real handler (\`createLocalHandler\`: middy, Powertools, the ` +
      'container-reused producer) into the local broker (single KRaft node, SASL/SCRAM-SHA-512, ' +
      `\`acks=all\`), a fresh ${PARTITIONS}-partition topic per producer. Kafka's own ProducerPerformance ` +
      '(kafka-tools 3.9.1, same record count and size, its default batching) is the ceiling; the seed ' +
      `bridge's awaited send per record is the floor. Median of ${RUNS} runs where repeated; ` +
      `${availableParallelism()} cores shared by broker, JVM tool and Node.`,
    '',
    '| Producer | records/s | MiB/s | × ceiling |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      ([name, r]) =>
        `| ${name} | ${Math.round(r).toLocaleString('en')} | ${mib(r).toFixed(1)} | ${(r / ceiling).toFixed(2)} |`,
    ),
    '',
    `Warm handler / ceiling: **${(warm / ceiling).toFixed(2)}** (goal ≥ 0.5); against the tool's steady ` +
      `state: ${(warm / measured.steadyPlain).toFixed(2)} (no compression), ${(warm / measured.steadyGzip).toFixed(2)} ` +
      `(gzip); warm handler / floor: **${(warm / measured.naive).toFixed(1)}×**.`,
    '',
    'Notes: the JVM tool pays JIT warm-up and its first metadata round trips within its 10,000 records, as ' +
      'a cold Java producer would, hence the steady-state rows. GZIP is the main cost on this incompressible ' +
      'payload for both clients (compare the steady-state rows); the handler’s time goes to GZIP (zlib, ~18 ms/MiB here), ' +
      'kafkajs record encoding and one produce request in flight per broker (idempotence). Tried and kept out: ' +
      'smaller produce requests (`MAX_CHUNK_BYTES` 128–512 KiB) were no faster than ~1 MiB ones, and zlib ' +
      'level 1 compresses this payload no faster than kafkajs’s default level. A real ' +
      'trigger batch is capped at 6 MB of payload by Lambda, so this 10 MB event is a stress shape, sent as ' +
      'several produce requests each under the topic’s `max.message.bytes` (one `sendBatch` of the whole ' +
      'event is refused with MESSAGE_TOO_LARGE).',
  ].join('\n');
  return {
    title: 'Kinesis → Kafka bridge',
    markdown,
    data: {
      records: RECORDS,
      recordBytes: RECORD_BYTES,
      partitions: PARTITIONS,
      ...measured,
      ratio: warm / ceiling,
    },
  };
}
