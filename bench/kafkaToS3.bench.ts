import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { type LocalAwsStack, localS3Client } from '../scripts/local/awsClients';
import { LOCAL_BUCKET } from '../scripts/local/ingest/kafkaToS3';
import { readStackFile } from '../scripts/local/stackFile';
import { kafkaToS3Clients } from '../tasks/ingest/kafkaToS3/clients';
import { createKafkaToS3Handler } from '../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import type { KafkaTriggerRecord, SelfManagedKafkaTriggerEvent } from '../tasks/shared/kafkaEvent/types';
import { Tracer } from '../tasks/shared/observability/tracer';
import { cell, interleave, type Summary, summarize } from './lib/stats';
import type { BenchResult } from './types';

const RECORDS = 10_000;
const VALUE_BYTES = 1024;
const RUNS = 5;
const TOPIC = 'bench.orders';
const context = {
  functionName: 'kafka-to-s3',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 120_000,
} as unknown as Context;

/** One 10,000-record self-managed Kafka event over `partitions` partitions, ~1 KiB JSON values. */
function event(partitions: number): SelfManagedKafkaTriggerEvent {
  const records: Record<string, KafkaTriggerRecord[]> = {};
  const start = Date.now();
  const filler = 'x'.repeat(VALUE_BYTES - 120);
  for (let i = 0; i < RECORDS; i++) {
    const partition = i % partitions;
    const offset = Math.floor(i / partitions);
    const value = JSON.stringify({ orderId: `o-${i}`, seq: i, amount: (i % 997) / 10, note: filler });
    const key = `${TOPIC}-${partition}`;
    records[key] ??= [];
    records[key].push({
      topic: TOPIC,
      partition,
      offset,
      timestamp: start + i,
      timestampType: 'CREATE_TIME',
      key: Buffer.from(`customer-${i % 500}`).toString('base64'),
      value: Buffer.from(value).toString('base64'),
      headers: [{ traceparent: [...Buffer.from(`00-${randomBytes(16).toString('hex')}-01`)] }],
    });
  }
  return { eventSource: 'SelfManagedKafka', bootstrapServers: '127.0.0.1:9096', records };
}

function countPuts(s3: S3Client): () => number {
  let puts = 0;
  s3.middlewareStack.add(
    (next, ctx) => async (args) => {
      if (ctx.commandName === 'PutObjectCommand') puts++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountPuts' },
  );
  return () => puts;
}

async function deletePrefix(s3: S3Client, prefix: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: prefix, ContinuationToken: token }),
    );
    const Objects = (page.Contents ?? []).map((o) => ({ Key: o.Key as string }));
    if (Objects.length > 0)
      await s3.send(new DeleteObjectsCommand({ Bucket: LOCAL_BUCKET, Delete: { Objects } }));
    token = page.NextContinuationToken;
  } while (token);
}

/** One setup (partitions, encoding) ready to invoke: its handler warmed up once. */
interface Setup {
  name: string;
  /** One timed invocation: milliseconds and the PUTs counted during it. */
  invoke: () => Promise<{ ms: number; puts: number }>;
  cleanUp: () => Promise<void>;
}

async function setUp(partitions: number, encoding: 'base64' | 'json'): Promise<Setup> {
  const s3 = localS3Client(readStackFile() as LocalAwsStack);
  const puts = countPuts(s3);
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logger = new Logger({ serviceName: 'kafka-to-s3-bench', logLevel: 'SILENT' });
  const observability = {
    logger,
    metrics: new Metrics({ serviceName: 'kafka-to-s3-bench', namespace: 'MskFlowsBench', logger }),
    tracer: new Tracer({ serviceName: 'kafka-to-s3-bench', enabled: false }),
  };
  const prefix = `bench/kafka-to-s3/${randomBytes(4).toString('hex')}`;
  const env = { BUCKET: LOCAL_BUCKET, PREFIX: prefix, PAYLOAD_ENCODING: encoding };
  const handler = createKafkaToS3Handler(observability, kafkaToS3Clients(env, observability, s3));
  const batch = event(partitions);
  const invoke = async () => {
    const before = puts();
    const started = performance.now();
    const { batchItemFailures } = await handler(structuredClone(batch), context);
    const ms = performance.now() - started;
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} partitions failed`);
    return { ms, puts: puts() - before };
  };
  await invoke(); // warm-up
  return {
    name: `${partitions} partition${partitions === 1 ? '' : 's'}, ${encoding}`,
    invoke,
    cleanUp: async () => {
      await deletePrefix(s3, `${prefix}/`);
      s3.destroy();
    },
  };
}

interface Row {
  setup: string;
  puts: Summary;
  recordsPerSecond: Summary;
  mbPerSecond: Summary;
}

/** Kafka → S3: records/s through the handler for one 10,000-record event into S3Mock, and S3 PUTs per 10,000. */
export async function run(): Promise<BenchResult> {
  const setups: Setup[] = [];
  for (const [partitions, encoding] of [
    [1, 'base64'],
    [10, 'base64'],
    [100, 'base64'],
    [10, 'json'],
  ] as const) {
    setups.push(await setUp(partitions, encoding));
  }
  let runs: Record<string, { ms: number; puts: number }[]>;
  try {
    runs = await interleave(RUNS, Object.fromEntries(setups.map((s) => [s.name, s.invoke])));
  } finally {
    for (const setup of setups) await setup.cleanUp();
  }
  const rows: Row[] = setups.map((setup) => {
    const list = runs[setup.name] ?? [];
    return {
      setup: setup.name,
      puts: summarize(list.map((r) => r.puts)),
      recordsPerSecond: summarize(list.map((r) => (RECORDS / r.ms) * 1000)),
      mbPerSecond: summarize(list.map((r) => (RECORDS * VALUE_BYTES) / 2 ** 20 / (r.ms / 1000))),
    };
  });
  const table = [
    '| event | S3 PUTs per 10,000 records (counted) | records/s | MiB/s (values) |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.setup} | ${r.puts.min === r.puts.max ? r.puts.median : cell(r.puts)} | ${cell(r.recordsPerSecond)} | ${cell(r.mbPerSecond, (x) => x.toFixed(1))} |`,
    ),
  ];
  const [one, , hundred] = rows;
  return {
    title: 'Kafka → S3 consumer',
    markdown: [
      `One self-managed Kafka trigger event of ${RECORDS.toLocaleString('en')} records (~1 KiB JSON values, a key and`,
      'a header each) through the real middy handler (validation, NDJSON, deterministic gzip, PutObject with',
      `the SDK's default checksums) into the local S3Mock; one warm-up per setup, then ${RUNS} rounds with the setups`,
      'interleaved; median (min–max). One object per topic-partition of the batch: the PUTs are counted with an SDK',
      'middleware (a single figure where every run counted the same). `json` parses every value into the line.',
      '',
      ...table,
      '',
      one && hundred
        ? `Spreading the batch over ${hundred.puts.median} partitions instead of 1 costs ${((1 - hundred.recordsPerSecond.median / one.recordsPerSecond.median) * 100).toFixed(0)} % of the throughput here (one PUT per partition).`
        : '',
    ].join('\n'),
    data: { records: RECORDS, valueBytes: VALUE_BYTES, runs: RUNS, rows },
  };
}
