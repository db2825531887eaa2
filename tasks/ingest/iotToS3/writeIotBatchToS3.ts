import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { captureLambdaHandler } from '../../shared/observability/captureLambdaHandler';
import type { Tracer } from '../../shared/observability/tracer';
import { type PlannedObject, planObjects } from './batching';
import { iotToS3Clients, iotToS3Observability } from './clients';
import type { ObjectLimits } from './config';
import { InvalidIotEventError, ObjectWriteError, ParkingError, UnreportableIotMessageError } from './errors';
import { type IotLine, parseIotRecord, type UnusableIotMessage } from './parse';

const gzipAsync = promisify(gzip);

/** The SQS event the IoT rule's queue delivers (each body: the rule's JSON output). */
export type WriteIotBatchToS3Input = SQSEvent;

/** One object this batch wrote. */
export interface WrittenObject {
  key: string;
  records: number;
  /** Compressed size. */
  bytes: number;
}

/** SQS partial batch response, plus what was written and parked (the Lambda handler returns only the former). */
export interface WriteIotBatchToS3Output extends SQSBatchResponse {
  written: WrittenObject[];
  parked: number;
}

/** Where messages the batcher gives up on go (the DLQ, as `mqtt` envelopes). */
export interface IotDlq {
  /** Resolves once every message is durably parked; rejects otherwise (then all of them are retried). */
  park(messages: UnusableIotMessage[]): Promise<void>;
}

/** What the core needs; tests pass their own. */
export interface WriteIotBatchToS3Deps {
  s3: S3Client;
  bucket: string;
  prefix: string;
  limits: ObjectLimits;
  dlq: IotDlq;
  logger: Logger;
  metrics: Metrics;
  /** PutObject calls in flight at once (default 8). */
  concurrency?: number;
  now?: () => number;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function writeObject(
  object: PlannedObject,
  deps: WriteIotBatchToS3Deps,
): Promise<WrittenObject | ObjectWriteError> {
  try {
    const body = await gzipAsync(object.body);
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: object.key,
        Body: body,
        ContentType: 'application/gzip',
        Metadata: { records: String(object.messageIds.length) },
      }),
    );
    return { key: object.key, records: object.messageIds.length, bytes: body.length };
  } catch (error) {
    return new ObjectWriteError(deps.bucket, object.key, object.messageIds.length, { cause: error });
  }
}

async function park(
  messages: UnusableIotMessage[],
  deps: WriteIotBatchToS3Deps,
): Promise<ParkingError | undefined> {
  if (messages.length === 0) return undefined;
  try {
    await deps.dlq.park(messages);
    return undefined;
  } catch (error) {
    return new ParkingError(messages.length, { cause: error });
  }
}

/**
 * Writes a batch of IoT rule messages from SQS as gzip NDJSON objects (one per batch unless the limits split
 * it), parks messages that are not the rule's JSON output in the DLQ, and reports exactly the messages of
 * objects that could not be written (or could not be parked) as `batchItemFailures`.
 */
export async function writeIotBatchToS3(
  event: WriteIotBatchToS3Input,
  deps: WriteIotBatchToS3Deps,
): Promise<WriteIotBatchToS3Output> {
  const now = deps.now ?? Date.now;
  const started = now();
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) throw new InvalidIotEventError('Records is missing or not a list');
  const lines: IotLine[] = [];
  const unusable: UnusableIotMessage[] = [];
  const seen = new Set<string>();
  records.forEach((record: unknown, index) => {
    const id = (record as { messageId?: unknown } | null)?.messageId;
    // The same message twice in one batch (a redelivery picked up by the same poll) is written once.
    if (typeof id === 'string' && seen.has(id)) return;
    if (typeof id === 'string') seen.add(id);
    const parsed = parseIotRecord(record, index);
    if (parsed.ok) lines.push(parsed.line);
    else unusable.push(parsed.unusable);
  });
  const planned = planObjects(lines, deps.limits, deps.prefix);
  const [results, parkingError] = await Promise.all([
    mapLimited(planned, deps.concurrency ?? 8, (object) => writeObject(object, deps)),
    park(unusable, deps),
  ]);

  const failures: SQSBatchItemFailure[] = [];
  const written: WrittenObject[] = [];
  results.forEach((result, index) => {
    if (!(result instanceof ObjectWriteError)) {
      written.push(result);
      return;
    }
    deps.logger.error('batch object not written; its messages will be retried', result);
    for (const id of planned[index]?.messageIds ?? []) failures.push({ itemIdentifier: id });
  });
  if (parkingError) {
    deps.logger.error('unusable messages not parked; they will be retried', parkingError);
    const anonymous = unusable.find((m) => m.messageId === undefined);
    if (anonymous) throw new UnreportableIotMessageError(anonymous.path, { cause: parkingError });
    for (const message of unusable) failures.push({ itemIdentifier: message.messageId as string });
  }
  if (unusable.length > 0 && !parkingError) {
    deps.logger.warn('unusable messages parked in the DLQ', {
      messages: unusable.map((m) => ({ messageId: m.messageId ?? m.path, reason: m.error.reason })),
    });
  }

  const recordsOut = written.reduce((sum, o) => sum + o.records, 0);
  deps.metrics.addMetric('RecordsIn', MetricUnit.Count, records.length);
  deps.metrics.addMetric('RecordsOut', MetricUnit.Count, recordsOut);
  deps.metrics.addMetric('RecordsParked', MetricUnit.Count, parkingError ? 0 : unusable.length);
  deps.metrics.addMetric('RecordsFailed', MetricUnit.Count, failures.length);
  deps.metrics.addMetric('ObjectsWritten', MetricUnit.Count, written.length);
  deps.metrics.addMetric('ObjectWriteFailures', MetricUnit.Count, planned.length - written.length);
  deps.metrics.addMetric('BatchLatency', MetricUnit.Milliseconds, now() - started);
  deps.logger.info('iot batch processed', {
    records: records.length,
    objects: written.map((o) => ({ key: o.key, records: o.records, bytes: o.bytes })),
    parked: parkingError ? 0 : unusable.length,
    failedRecords: failures.length,
  });
  return { batchItemFailures: failures, written, parked: parkingError ? 0 : unusable.length };
}

/** Powertools instances for the middlewares; core deps may be built lazily on the first invocation. */
export interface IotToS3Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * Builds the Lambda handler: returns only the SQS partial batch response. `deps` may be a function, called
 * once on the first invocation, so a bad environment fails the invocation with a named config error instead
 * of the module import.
 */
export function createIotToS3Handler(
  observability: IotToS3Observability,
  deps: WriteIotBatchToS3Deps | (() => WriteIotBatchToS3Deps),
) {
  let resolved: WriteIotBatchToS3Deps | undefined = typeof deps === 'function' ? undefined : deps;
  return middy<SQSEvent, SQSBatchResponse>()
    .use(captureLambdaHandler(observability.tracer))
    .use(injectLambdaContext(observability.logger))
    .use(logMetrics(observability.metrics, { captureColdStartMetric: true }))
    .handler(async (event) => {
      resolved ??= (deps as () => WriteIotBatchToS3Deps)();
      const { batchItemFailures } = await writeIotBatchToS3(event, resolved);
      return { batchItemFailures };
    });
}

/** SQS event source entry point of the IoT → S3 batcher (settings: see `readIotToS3Settings`). */
export const handler = createIotToS3Handler(iotToS3Observability, () => iotToS3Clients());
