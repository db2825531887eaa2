import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import {
  type KafkaBatchResponse,
  type KafkaRecordRef,
  kafkaBatchResponse,
} from '../../shared/kafkaEvent/batchResponse';
import { countKafkaRecords, partitionBatches } from '../../shared/kafkaEvent/decode';
import { readKafkaEvent } from '../../shared/kafkaEvent/parse';
import type { KafkaPartitionBatch, KafkaTriggerEvent } from '../../shared/kafkaEvent/types';
import { captureLambdaHandler } from '../../shared/observability/captureLambdaHandler';
import type { Tracer } from '../../shared/observability/tracer';
import { kafkaToS3Clients, kafkaToS3Observability } from './clients';
import type { KafkaToS3Dlq } from './dlq';
import type { PartitionWriteError } from './errors';
import type { PayloadEncoding } from './lines';
import { malformedItems, parkMalformed, resumeOffsets } from './malformed';
import { mapLimited, putPartition } from './putPartition';

/** An MSK or self-managed Kafka trigger event (the core reads it record by record, so any JSON is accepted). */
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

/** The partial batch response (failed partitions, at their first offset) plus what was written and parked. */
export interface WriteKafkaBatchToS3Output extends KafkaBatchResponse {
  objects: WrittenObject[];
  /** Malformed records parked in the DLQ. */
  parked: number;
}

/** What the core needs; `clients.ts` builds it once per container, tests pass their own. */
export interface WriteKafkaBatchToS3Deps {
  s3: S3Client;
  bucket: string;
  prefix: string;
  kmsKeyArn?: string;
  encoding: PayloadEncoding;
  concurrency: number;
  /** Where malformed records go; without it they are reported for re-delivery. */
  dlq?: KafkaToS3Dlq;
  logger: Logger;
  metrics: Metrics;
}

/** The container's Powertools instances, shared by the middlewares and the core. */
export interface KafkaToS3Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * Writes a Kafka trigger batch to S3: one gzip NDJSON object per topic-partition under a deterministic key,
 * byte-identical for the same records, so a retry overwrites rather than duplicates. A malformed record (key
 * or value not base64, a field missing) goes to the DLQ with its topic-partition-offset and the rest of its
 * partition is written; when it cannot be parked, its partition is written up to it and reported from it. A
 * partition whose PutObject fails is reported at its first offset in `batchItemFailures`; the others advance.
 * Throws InvalidKafkaEventError for an event that is not a Kafka trigger event at all.
 */
export async function writeKafkaBatchToS3(
  raw: WriteKafkaBatchToS3Input | unknown,
  deps: WriteKafkaBatchToS3Deps,
): Promise<WriteKafkaBatchToS3Output> {
  const started = Date.now();
  const { event, malformed } = readKafkaEvent(raw);
  const bad = malformedItems(malformed);
  const parkFailure = await parkMalformed(bad, deps.dlq);
  const resume = parkFailure ? resumeOffsets(malformed, event, malformed) : new Map<string, KafkaRecordRef>();
  if (parkFailure) {
    deps.logger.error('malformed records not parked; their partitions are reported from them', {
      records: bad.map((b) => b.error.message),
      error: { name: parkFailure.name, message: parkFailure.message },
    });
  } else if (bad.length > 0) {
    deps.logger.warn('malformed records parked in the DLQ', { records: bad.map((b) => b.error.message) });
  }
  const batches = partitionBatches(event)
    .map((b) => ({
      ...b,
      records: b.records.filter((r) => r.offset < (resume.get(b.key)?.offset ?? Infinity)),
    }))
    .filter((b) => b.records.length > 0);
  const results = await mapLimited(batches, deps.concurrency, (batch) => putPartition(batch, deps));
  const objects: WrittenObject[] = [];
  const failed: KafkaRecordRef[] = [...resume.values()];
  results.forEach((result, i) => {
    const batch = batches[i] as KafkaPartitionBatch;
    if (result.status === 'fulfilled') {
      objects.push(result.value);
      return;
    }
    failed.push(batch.records[0] as KafkaRecordRef);
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
  const recordsIn = countKafkaRecords(event) + malformed.length;
  const recordsOut = objects.reduce((sum, o) => sum + o.records, 0);
  const parked = parkFailure ? 0 : malformed.length;
  deps.metrics.addMetric('RecordsIn', MetricUnit.Count, recordsIn);
  deps.metrics.addMetric('RecordsOut', MetricUnit.Count, recordsOut);
  deps.metrics.addMetric('RecordsParked', MetricUnit.Count, parked);
  deps.metrics.addMetric('FailedRecords', MetricUnit.Count, recordsIn - recordsOut - parked);
  deps.metrics.addMetric(
    'FailedPartitions',
    MetricUnit.Count,
    new Set(failed.map((f) => `${f.topic}-${f.partition}`)).size,
  );
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
    parked,
    failedPartitions: failed.map((f) => `${f.topic}-${f.partition}`),
  });
  return { ...kafkaBatchResponse(failed), objects, parked };
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
      const { batchItemFailures } = await writeKafkaBatchToS3(event, resolved);
      return { batchItemFailures };
    });
}

/** Lambda entry point (MSK or self-managed Kafka trigger with ReportBatchItemFailures); environment in clients.ts. */
export const handler = createKafkaToS3Handler(kafkaToS3Observability, () => kafkaToS3Clients());
