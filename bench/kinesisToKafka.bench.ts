/**
 * Kinesis → Kafka bridge, warm, against Kafka's own Java producer (ProducerPerformance) and a per-record awaited
 * loop: every codec, the same records on every side (1 KiB of random letters, a key and the bridge's headers),
 * the same broker and producer settings (idempotent, acks=all), rounds interleaved.
 */
import { gzipSync } from 'node:zlib';
import type { KinesisStreamEvent } from 'aws-lambda';
import { ensureLocalStack } from '../scripts/local/index';
import { createLocalHandler, type LocalBridgeHandler } from '../scripts/local/ingest/kinesisToKafka';
import {
  BRIDGE_COMPRESSIONS,
  type BridgeCompression,
  DEFAULT_BRIDGE_COMPRESSION,
} from '../tasks/ingest/kinesisToKafka/config';
import { createBridgeProducer, toBatchRecord } from '../tasks/ingest/kinesisToKafka/producer';
import { readKinesisRecords } from '../tasks/ingest/kinesisToKafka/readRecords';
import type { BridgeMessage } from '../tasks/ingest/kinesisToKafka/records';
import { platformaticAdminOptions } from '../tasks/onboarding/kafka/platformaticAdmin';
import { readScramCredentials } from '../tasks/shared/secrets/scramCredentials';
import { localKafkaConfig } from '../test/helpers/localStack';
import { kinesisEvent } from '../test/unit/ingest/kinesisToKafka/kinesisEvents';
import { randomLetters } from './lib/payload';
import { runProducerPerformance } from './lib/producerPerformance';
import { cell, fmt, interleave, type Summary, summarize, times } from './lib/stats';
import { BenchTopics } from './lib/topics';
import type { BenchResult } from './types';

const EVENT_RECORDS = 10_000;
const RECORD_BYTES = 1024;
const KEYS = 100;
const PARTITIONS = 3;
const ROUNDS = 5;
/** Warm events per bridge sample: the timed records of both sides (the Java tool sends as many). */
const WARM_EVENTS = 2;
const TIMED_RECORDS = EVENT_RECORDS * WARM_EVENTS;
/** The per-record loop's timed records (its rate does not depend on the count), after LOOP_WARMUP untimed. */
const LOOP_RECORDS = 2_000;
const LOOP_WARMUP = 100;
/** `BENCH_CODECS=lz4,gzip npm run bench -- bridge` measures only those codecs. */
const CODECS = (process.env.BENCH_CODECS?.split(',') ?? [...BRIDGE_COMPRESSIONS]).filter(
  (c): c is BridgeCompression => (BRIDGE_COMPRESSIONS as readonly string[]).includes(c),
);
// The DLQ is never used here (no record is oversized); the variables are required all the same.
const DLQ_ENV = {
  DLQ_QUEUE_URL: 'http://127.0.0.1:9324/000000000000/msk-flows-local-dlq',
  DLQ_BUCKET: 'msk-flows-local-dlq',
};

/** One sample of a side: records per second over its timed records, and the CPU they took. */
interface Sample {
  rate: number;
  cpuMs: number;
  /** The bridge's first invocation on a fresh handler (connect, SCRAM, InitProducerId, DescribeConfigs). */
  coldRate?: number;
}

const perSecond = (records: number, ms: number) => records / (ms / 1000);

/**
 * One topic per producer and codec, reused by its rounds (records pile up; a produce request does not care):
 * creating and deleting a hundred topics on a loaded single broker was slower and flakier than the samples.
 */
const topics = new BenchTopics();
const topicOf = new Map<string, Promise<string>>();
async function onTopic<T>(step: string, fn: (topic: string) => Promise<T>): Promise<T> {
  let topic = topicOf.get(step);
  if (!topic) {
    topic = topics.create(PARTITIONS);
    topicOf.set(step, topic);
  }
  return fn(await topic);
}

async function invoke(handler: LocalBridgeHandler, event: KinesisStreamEvent): Promise<void> {
  const result = await handler(event);
  if (result.batchItemFailures.length > 0)
    throw new Error(`handler reported failures: ${JSON.stringify(result)}`);
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

/** The real handler as Lambda runs it: a fresh container's first invocation (cold), then WARM_EVENTS (timed). */
function bridgeSample(codec: BridgeCompression, events: KinesisStreamEvent[]) {
  return () =>
    onTopic(`bridge:${codec}`, async (topic): Promise<Sample> => {
      const handler = await createLocalHandler({ TARGET_TOPIC: topic, KAFKA_COMPRESSION: codec, ...DLQ_ENV });
      try {
        const [cold, ...warm] = events as [KinesisStreamEvent, ...KinesisStreamEvent[]];
        const coldStarted = performance.now();
        await invoke(handler, cold);
        const coldRate = perSecond(EVENT_RECORDS, performance.now() - coldStarted);
        const cpu = process.cpuUsage();
        const started = performance.now();
        for (const event of warm) await invoke(handler, event);
        const rate = perSecond(TIMED_RECORDS, performance.now() - started);
        const used = process.cpuUsage(cpu);
        return { rate, cpuMs: (used.user + used.system) / 1000, coldRate };
      } finally {
        await handler.close();
      }
    });
}

/**
 * Java's batching: the tool's defaults, or batched like the bridge, whose produce requests carry up to the topic's
 * `max.message.bytes` (1 MiB by default) spread over the partitions: 256 KiB batches, a 5 ms linger to fill them.
 */
const JAVA_BATCHING = {
  defaults: {},
  batched: { 'batch.size': String(256 * 1024), 'linger.ms': '5' },
} as const;
type JavaBatching = keyof typeof JAVA_BATCHING;

/** Kafka's ProducerPerformance with the bridge's record shape, warmed with one event's worth of records. */
function javaSample(codec: BridgeCompression, batching: JavaBatching, headers: [string, string][]) {
  return () =>
    onTopic(`java-${batching}:${codec}`, async (topic): Promise<Sample> => {
      const config = await localKafkaConfig();
      if (config.auth.type !== 'scram') throw new Error('the local broker is expected to use SCRAM');
      const result = await runProducerPerformance({
        topic,
        numRecords: TIMED_RECORDS,
        recordSize: RECORD_BYTES,
        bootstrapServers: config.brokers,
        credentials: await readScramCredentials(config.auth.secret),
        producerProps: {
          acks: 'all',
          'enable.idempotence': 'true',
          'compression.type': codec,
          ...JAVA_BATCHING[batching],
        },
        shape: { keys: KEYS, headers, warmup: EVENT_RECORDS },
      });
      if (result.records !== TIMED_RECORDS)
        throw new Error(`ProducerPerformance sent ${result.records} records`);
      return { rate: result.recordsPerSec, cpuMs: result.cpuMs ?? Number.NaN };
    });
}

/** The floor: the bridge's producer, settings and records, one awaited `send` per record. */
function loopSample(codec: BridgeCompression, messages: BridgeMessage[]) {
  return () =>
    onTopic(`loop:${codec}`, async (topic): Promise<Sample> => {
      const producer = createBridgeProducer(
        { ...(await platformaticAdminOptions(await localKafkaConfig())), clientId: 'msk-flows-bench-loop' },
        codec,
      );
      const sendOne = (message: BridgeMessage) => producer.send(topic, [toBatchRecord(message)]);
      try {
        for (const message of messages.slice(0, LOOP_WARMUP)) await sendOne(message);
        const timed = messages.slice(LOOP_WARMUP, LOOP_WARMUP + LOOP_RECORDS);
        const cpu = process.cpuUsage();
        const started = performance.now();
        for (const message of timed) await sendOne(message);
        const rate = perSecond(timed.length, performance.now() - started);
        const used = process.cpuUsage(cpu);
        return { rate, cpuMs: (used.user + used.system) / 1000 };
      } finally {
        await producer.close();
      }
    });
}

/** The producers of one codec, in table order. */
const SIDES = ['bridge', 'javaBatched', 'javaDefaults', 'loop'] as const;
type Side = (typeof SIDES)[number];
const SIDE_NAMES: Record<Side | 'cold', string> = {
  bridge: 'bridge, warm',
  cold: 'bridge, cold (first event of a fresh handler)',
  javaBatched: 'Java `ProducerPerformance`, batched like the bridge (`batch.size` 256 KiB, `linger.ms` 5)',
  javaDefaults: 'Java `ProducerPerformance`, its default batching',
  loop: 'per-record awaited loop',
};

/** One table row: a producer at a codec, and the warm bridge against it round by round. */
interface Row {
  codec: BridgeCompression;
  producer: Side | 'cold';
  rate: Summary;
  perCpu?: Summary;
  bridgeOver?: Summary;
}

/** Per-round ratios of two sides measured in the same round. */
const ratios = (a: number[], b: number[]) => a.map((x, i) => x / (b[i] as number));

function codecRows(codec: BridgeCompression, samples: Record<string, Sample[]>): Row[] {
  const of = (side: Side) => samples[`${side}:${codec}`] as Sample[];
  const bridge = of('bridge').map((x) => x.rate);
  const rows: Row[] = SIDES.map((side) => {
    const rates = of(side).map((x) => x.rate);
    const records = side === 'loop' ? LOOP_RECORDS : TIMED_RECORDS;
    return {
      codec,
      producer: side,
      rate: summarize(rates),
      perCpu: summarize(of(side).map((x) => records / (x.cpuMs / 1000))),
      ...(side === 'bridge' ? {} : { bridgeOver: summarize(ratios(bridge, rates)) }),
    };
  });
  rows.splice(1, 0, {
    codec,
    producer: 'cold',
    rate: summarize(of('bridge').map((x) => x.coldRate as number)),
  });
  return rows;
}

function verdict(value: number, goal: number): string {
  return value >= goal ? `meets the goal ≥ ${goal}` : `**misses** the goal ≥ ${goal}`;
}

/** The notes: every figure from this run's numbers. */
function notes(rows: Row[], gzipRatio: number): string[] {
  const find = (codec: BridgeCompression, producer: Row['producer']) =>
    rows.find((r) => r.codec === codec && r.producer === producer) as Row;
  const codecs = [...new Set(rows.map((r) => r.codec))];
  const best = (producer: Side, pick: (r: Row) => number) =>
    codecs.map((c) => find(c, producer)).reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const perCpu = best('bridge', (r) => r.perCpu?.median ?? 0);
  const fastest = best('bridge', (r) => r.rate.median);
  const javaFastest = best('javaBatched', (r) => r.rate.median);
  /** How the best codec per CPU did against the default, round by round (same rounds, so a fair pairing). */
  const vsDefault = (winner: Row): string => {
    if (!codecs.includes(DEFAULT_BRIDGE_COMPRESSION)) return '';
    const base = find(DEFAULT_BRIDGE_COMPRESSION, 'bridge').perCpu?.samples ?? [];
    const rounds = (winner.perCpu?.samples ?? []).filter(
      (x, i) => x > (base[i] ?? Number.POSITIVE_INFINITY),
    ).length;
    const ahead =
      (winner.perCpu?.median ?? 0) / (find(DEFAULT_BRIDGE_COMPRESSION, 'bridge').perCpu?.median ?? 1) - 1;
    return ` (${(ahead * 100).toFixed(0)} % more records per CPU-second than ${DEFAULT_BRIDGE_COMPRESSION}, ahead in ${rounds} of ${base.length} rounds)`;
  };
  const lines = [
    `- Payload: the ${fmt(EVENT_RECORDS)} values of one event gzip to ${(gzipRatio * 100).toFixed(1)} % of their size (random letters; the generator's test holds ≥ 55 %).`,
    `- Best bridge throughput per CPU: **${perCpu.codec}** (${fmt(perCpu.perCpu?.median ?? 0)} records per CPU-second); ` +
      (perCpu.codec === DEFAULT_BRIDGE_COMPRESSION
        ? `the default \`KAFKA_COMPRESSION\` is ${DEFAULT_BRIDGE_COMPRESSION}, as measured.`
        : `the default \`KAFKA_COMPRESSION\` is ${DEFAULT_BRIDGE_COMPRESSION}: this run says ${perCpu.codec}${vsDefault(perCpu)}.`),
    `- Fastest bridge codec: ${fastest.codec} (${fmt(fastest.rate.median)} records/s); fastest batched Java codec: ${javaFastest.codec} (${fmt(javaFastest.rate.median)} records/s).`,
  ];
  if (codecs.includes(DEFAULT_BRIDGE_COMPRESSION)) {
    const c = DEFAULT_BRIDGE_COMPRESSION;
    const [bridge, batched, defaults, loop] = SIDES.map((side) => find(c, side)) as [Row, Row, Row, Row];
    const javaRatio = Math.min(batched.bridgeOver?.median ?? 0, defaults.bridgeOver?.median ?? 0);
    lines.push(
      `- At the default codec (${c}): bridge ÷ Java ${times(batched.bridgeOver?.median ?? 0)} (batched) and ` +
        `${times(defaults.bridgeOver?.median ?? 0)} (defaults): the lower, ${times(javaRatio)}, ${verdict(javaRatio, 1)}; ` +
        `bridge ÷ per-record loop ${times(loop.bridgeOver?.median ?? 0)}, ${verdict(loop.bridgeOver?.median ?? 0, 10)}. ` +
        `Per record the bridge's process used ${times((batched.perCpu?.median ?? 0) / (bridge.perCpu?.median ?? 1))} the CPU ` +
        "of the batched Java producer's (each process measured on its own; the broker's CPU is in neither).",
    );
    const won = (side: Side) => (find(c, side).bridgeOver?.samples ?? []).filter((r) => r >= 1).length;
    lines.push(
      `- Round by round at ${c}: the bridge was faster than batched Java in ${won('javaBatched')} of ${ROUNDS} rounds, ` +
        `than Java with its defaults in ${won('javaDefaults')} of ${ROUNDS}, and ≥ 10× the loop in ` +
        `${(loop.bridgeOver?.samples ?? []).filter((r) => r >= 10).length} of ${ROUNDS}.`,
    );
  }
  const spread = rows
    .filter((r) => r.producer !== 'cold')
    .map((r) => ({ r, width: r.rate.max / r.rate.min }))
    .reduce((a, b) => (b.width > a.width ? b : a));
  lines.push(
    `- Noise: the widest row (${spread.r.codec}, ${SIDE_NAMES[spread.r.producer]}) spans ${spread.width.toFixed(1)}× ` +
      'between its slowest and fastest round; compare medians and round-by-round ratios, not single samples.',
  );
  const slower = codecs.filter((c) =>
    (['javaBatched', 'javaDefaults'] as const).some((side) => (find(c, side).bridgeOver?.median ?? 0) < 1),
  );
  lines.push(
    slower.length === 0
      ? '- The warm bridge is at least as fast as both Java configurations (medians) at every codec.'
      : `- The warm bridge is slower than a Java configuration (median) at: ${slower.join(', ')}.`,
  );
  return lines;
}

/** Kinesis → Kafka bridge: every codec, against ProducerPerformance and a per-record loop, interleaved. */
export async function run(): Promise<BenchResult> {
  await ensureLocalStack({ services: ['kafka'] });
  // Distinct random payloads for the cold event and each warm one.
  const events = Array.from({ length: 1 + WARM_EVENTS }, () =>
    kinesisEvent({ count: EVENT_RECORDS, keys: KEYS, value: () => randomLetters(RECORD_BYTES) }),
  );
  const messages = readKinesisRecords(events[0]).records.map((r) => r.message);
  const first = messages[0] as BridgeMessage;
  const headers = Object.entries(first.headers);
  const values = Buffer.concat(messages.map((m) => m.value));
  const gzipRatio = gzipSync(values).length / values.length;

  const steps: Record<string, () => Promise<Sample>> = {};
  for (const codec of CODECS) {
    steps[`bridge:${codec}`] = bridgeSample(codec, events);
    steps[`javaBatched:${codec}`] = javaSample(codec, 'batched', headers);
    steps[`javaDefaults:${codec}`] = javaSample(codec, 'defaults', headers);
    steps[`loop:${codec}`] = loopSample(codec, messages);
  }
  const samples = await quietly(() =>
    interleave(ROUNDS, steps as Record<string, (round: number) => Promise<Sample>>),
  ).finally(() => topics.deleteAll());
  const rows = CODECS.flatMap((codec) => codecRows(codec, samples));

  const markdown = [
    `Each producer and codec: its own ${PARTITIONS}-partition topic on the local broker (single KRaft node, SASL/SCRAM-SHA-512), ` +
      `records of ${RECORD_BYTES} B of random letters (\`crypto.randomBytes\`), each with a key (${KEYS} keys, ` +
      `Java's murmur2 partitioning on both sides) and the bridge's ${headers.length} headers ` +
      `(${headers.map(([n]) => `\`${n}\``).join(', ')}), idempotent, \`acks=all\`, the codec of the row on every side.`,
    '',
    `- **bridge**: the real handler (\`createLocalHandler\`: middy, Powertools, the container's BatchProducer, its ` +
      `record batches sent over @platformatic/kafka's connections); a fresh handler's first ${fmt(EVENT_RECORDS)}-record event is the cold column, the next ` +
      `${WARM_EVENTS} events (${fmt(TIMED_RECORDS)} records) are timed warm; CPU = the Node process's user + system time over them.`,
    `- **Java**: Kafka's \`ProducerPerformance\` (kafka-tools, the broker's version) run as ` +
      `bench/lib/java/KeyedProducerPerformance.java: the tool's own loop, payload and timer, each record given the same ` +
      `key and headers; ${fmt(EVENT_RECORDS)} records sent and flushed before its timer, then ${fmt(TIMED_RECORDS)} timed; ` +
      "CPU = the JVM process from the end of the warm-up to exit. Two batchings: the tool's defaults, and batches " +
      "about the size of the bridge's (its produce requests fill up to the topic's `max.message.bytes`).",
    `- **loop**: the bridge's BatchProducer, settings and records, one awaited \`send\` per record, ${fmt(LOOP_RECORDS)} timed after ${LOOP_WARMUP}.`,
    '',
    `${ROUNDS} rounds; within a round every codec × side runs once, the starting step rotating per round. ` +
      'Cells: median (min–max) over the rounds; ratios are per round (both sides of one round), then median (min–max).',
    '',
    '| codec | producer | records/s | records per CPU-second | bridge warm ÷ this |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.codec === DEFAULT_BRIDGE_COMPRESSION ? `**${r.codec}** (default)` : r.codec} | ${SIDE_NAMES[r.producer]} | ` +
        `${cell(r.rate)} | ${r.perCpu ? cell(r.perCpu) : '–'} | ${r.bridgeOver ? cell(r.bridgeOver, (x) => x.toFixed(2)) : '–'} |`,
    ),
    '',
    ...notes(rows, gzipRatio),
  ].join('\n');
  return {
    title: 'Kinesis → Kafka bridge',
    markdown,
    data: {
      eventRecords: EVENT_RECORDS,
      recordBytes: RECORD_BYTES,
      keys: KEYS,
      partitions: PARTITIONS,
      rounds: ROUNDS,
      timedRecords: TIMED_RECORDS,
      loopRecords: LOOP_RECORDS,
      gzipRatio,
      defaultCompression: DEFAULT_BRIDGE_COMPRESSION,
      rows,
      samples,
    },
  };
}
