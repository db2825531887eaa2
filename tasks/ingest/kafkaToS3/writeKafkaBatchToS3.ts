import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { PutObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import { type KafkaBatchResponse, kafkaBatchResponse } from '../../shared/kafkaEvent/batchResponse';
import { countKafkaRecords, partitionBatches } from '../../shared/kafkaEvent/decode';
import { parseKafkaEvent } from '../../shared/kafkaEvent/parse';
import type { KafkaPartitionBatch, KafkaTriggerEvent } from '../../shared/kafkaEvent/types';
import { kafkaToS3Clients, kafkaToS3Observability } from './clients';
import { PartitionWriteError } from './errors';
import { deterministicGzip } from './gzip';
import { type PayloadEncoding, recordLines } from './lines';
import { kafkaObjectKey } from './objectKey';

/** An MSK or self-managed Kafka trigger event. */
export type WriteKafkaBatchToS3Input = KafkaTriggerEvent;

/** One object written: a topic-partition's records of this batch. */
export interface WrittenObject {
  bucket: string;
  key: string;
  /** `<topic>-<partition>`. */
  partition: string;
  firstOffset: number;
  lastOffset: number;
  records: number;
  /** Compressed size. */
  bytes: number;
}

/** The partial batch response (failed partitions, at their first offset) plus the objects written. */
export interface WriteKafkaBatchToS3Output extends KafkaBatchResponse {
  objects: WrittenObject[];
}

/** What the core needs; `clients.ts` builds it once per container, tests pass their own. */
export interface WriteKafkaBatchToS3Deps {
  s3: S3Client;
  bucket: string;
  prefix: string;
  kmsKeyArn?: string;
  encoding: PayloadEncoding;
  concurrency: number;
  logger: Logger;
  metrics: Metrics;
}

/** The container's Powertools instances, shared by the middlewares and the core. */
export interface KafkaToS3Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

function putRequest(
  batch: KafkaPartitionBatch,
  range: { first: number; last: number; key: string },
  body: Buffer,
  deps: WriteKafkaBatchToS3Deps,
): PutObjectCommandInput {
  return {
    Bucket: deps.bucket,
    Key: range.key,
    Body: body,
    ContentType: 'application/x-ndjson',
    ContentEncoding: 'gzip',
    // Deterministic metadata only: a retried batch must produce the very same object.
    Metadata: {
      'record-count': String(batch.records.length),
      'first-offset': String(range.first),
      'last-offset': String(range.last),
      'payload-encoding': deps.encoding,
    },
    ...(deps.kmsKeyArn
      ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: deps.kmsKeyArn, BucketKeyEnabled: true }
      : {}),
  };
}

async function writePartition(
  batch: KafkaPartitionBatch,
  deps: WriteKafkaBatchToS3Deps,
): Promise<WrittenObject> {
  const first = batch.records[0]?.offset ?? 0;
  const last = batch.records.at(-1)?.offset ?? first;
  const key = kafkaObjectKey(deps.prefix, batch.topic, batch.partition, first, last);
  const body = deterministicGzip(recordLines(batch.records, deps.encoding));
  try {
    await deps.s3.send(new PutObjectCommand(putRequest(batch, { first, last, key }, body, deps)));
  } catch (error) {
    throw new PartitionWriteError(batch.key, first, last, { cause: error });
  }
  return {
    bucket: deps.bucket,
    key,
    partition: batch.key,
    firstOffset: first,
    lastOffset: last,
    records: batch.records.length,
    bytes: body.length,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i] as T) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Writes a Kafka trigger batch to S3: one gzip NDJSON object per topic-partition under a deterministic key,
 * byte-identical for the same records, so a retry overwrites rather than duplicates. A partition whose
 * PutObject fails is reported at its first offset in `batchItemFailures`; the others advance.
 */
export async function writeKafkaBatchToS3(
  event: WriteKafkaBatchToS3Input,
  deps: WriteKafkaBatchToS3Deps,
): Promise<WriteKafkaBatchToS3Output> {
  const started = Date.now();
  const batches = partitionBatches(event).filter((b) => b.records.length > 0);
  const results = await mapLimited(batches, deps.concurrency, (batch) => writePartition(batch, deps));
  const objects: WrittenObject[] = [];
  const failed: KafkaPartitionBatch[] = [];
  results.forEach((result, i) => {
    const batch = batches[i] as KafkaPartitionBatch;
    if (result.status === 'fulfilled') {
      objects.push(result.value);
      return;
    }
    failed.push(batch);
    const error = result.reason as PartitionWriteError;
    const cause = error.cause as Error | undefined;
    // S3's error name and message describe the request, never the records.
    deps.logger.warn('partition write failed; reporting it for re-delivery', {
      partition: batch.key,
      firstOffset: error.firstOffset,
      lastOffset: error.lastOffset,
      records: batch.records.length,
      error: { name: cause?.name ?? error.name, message: cause?.message ?? error.message },
    });
  });
  const recordsIn = countKafkaRecords(event);
  const recordsOut = objects.reduce((sum, o) => sum + o.records, 0);
  deps.metrics.addMetric('RecordsIn', MetricUnit.Count, recordsIn);
  deps.metrics.addMetric('RecordsOut', MetricUnit.Count, recordsOut);
  deps.metrics.addMetric('FailedRecords', MetricUnit.Count, recordsIn - recordsOut);
  deps.metrics.addMetric('FailedPartitions', MetricUnit.Count, failed.length);
  deps.metrics.addMetric('ObjectsWritten', MetricUnit.Count, objects.length);
  deps.metrics.addMetric(
    'BytesWritten',
    MetricUnit.Bytes,
    objects.reduce((sum, o) => sum + o.bytes, 0),
  );
  deps.metrics.addMetric('BatchLatency', MetricUnit.Milliseconds, Date.now() - started);
  deps.logger.info('batch written', {
    partitions: batches.length,
    records: recordsIn,
    objects: objects.length,
    failedPartitions: failed.map((b) => b.key),
  });
  const response = kafkaBatchResponse(
    failed.map((b) => b.records[0] as KafkaPartitionBatch['records'][number]),
    event,
  );
  return { ...response, objects };
}

/**
 * The Lambda handler: validates the event, writes it, returns only the partial batch response. `deps` may be
 * a factory, called once on the first invocation, so a bad environment fails the invocation with a named
 * config error instead of the module import.
 */
export function createKafkaToS3Handler(
  observability: KafkaToS3Observability,
  deps: WriteKafkaBatchToS3Deps | (() => WriteKafkaBatchToS3Deps),
) {
  let resolved = typeof deps === 'function' ? undefined : deps;
  return middy<unknown, KafkaBatchResponse>()
    .use(captureLambdaHandler(observability.tracer))
    .use(injectLambdaContext(observability.logger))
    .use(logMetrics(observability.metrics, { captureColdStartMetric: true }))
    .handler(async (event) => {
      resolved ??= (deps as () => WriteKafkaBatchToS3Deps)();
      const { batchItemFailures } = await writeKafkaBatchToS3(parseKafkaEvent(event), resolved);
      return { batchItemFailures };
    });
}

/** Lambda entry point (MSK or self-managed Kafka trigger with ReportBatchItemFailures); environment in clients.ts. */
export const handler = createKafkaToS3Handler(kafkaToS3Observability, () => kafkaToS3Clients());
