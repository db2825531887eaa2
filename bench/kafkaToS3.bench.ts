import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { type LocalAwsStack, localS3Client } from '../scripts/local/awsClients';
import { LOCAL_BUCKET } from '../scripts/local/ingest/kafkaToS3';
import { readStackFile } from '../scripts/local/stackFile';
import { kafkaToS3Clients } from '../tasks/ingest/kafkaToS3/clients';
import { createKafkaToS3Handler } from '../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import type { KafkaTriggerRecord, SelfManagedKafkaTriggerEvent } from '../tasks/shared/kafkaEvent/types';
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Row {
  setup: string;
  putsPer10k: number;
  medianMs: number;
  recordsPerSecond: number;
  mbPerSecond: number;
}

/** Runs the event through the real middy handler against S3Mock: one warm-up, then RUNS timed invocations. */
async function measure(partitions: number, encoding: 'base64' | 'json'): Promise<Row> {
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
  const timings: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const before = puts();
    const started = performance.now();
    const { batchItemFailures } = await handler(structuredClone(batch), context);
    const ms = performance.now() - started;
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} partitions failed`);
    if (run > 0) timings.push(ms);
    if (puts() - before !== partitions)
      throw new Error(`expected ${partitions} PUTs, counted ${puts() - before}`);
  }
  await deletePrefix(s3, `${prefix}/`);
  s3.destroy();
  const ms = median(timings);
  return {
    setup: `${partitions} partition${partitions === 1 ? '' : 's'}, ${encoding}`,
    putsPer10k: partitions,
    medianMs: ms,
    recordsPerSecond: (RECORDS / ms) * 1000,
    mbPerSecond: (RECORDS * VALUE_BYTES) / 2 ** 20 / (ms / 1000),
  };
}

/** Kafka → S3: records/s through the handler for one 10,000-record event into S3Mock, and S3 PUTs per 10,000. */
export async function run(): Promise<BenchResult> {
  const rows: Row[] = [];
  for (const [partitions, encoding] of [
    [1, 'base64'],
    [10, 'base64'],
    [100, 'base64'],
    [10, 'json'],
  ] as const) {
    rows.push(await measure(partitions, encoding));
  }
  const table = [
    '| event | S3 PUTs per 10,000 records | median ms | records/s | MiB/s (values) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.setup} | ${r.putsPer10k} | ${r.medianMs.toFixed(0)} | ${Math.round(r.recordsPerSecond).toLocaleString('en')} | ${r.mbPerSecond.toFixed(1)} |`,
    ),
  ];
  return {
    title: 'Kafka → S3 consumer',
    markdown: [
      `One self-managed Kafka trigger event of ${RECORDS.toLocaleString('en')} records (~1 KiB JSON values, a key and`,
      'a header each) through the real middy handler (validation, NDJSON, deterministic gzip, PutObject with',
      `the SDK's default checksums) into the local S3Mock; median of ${RUNS} invocations after one warm-up.`,
      'One object per topic-partition of the batch, so PUTs per 10,000 records = partitions in the batch',
      '(counted with an SDK middleware, not computed). `json` parses every value into the line.',
      '',
      ...table,
    ].join('\n'),
    data: { records: RECORDS, valueBytes: VALUE_BYTES, runs: RUNS, rows },
  };
}
