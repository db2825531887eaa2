import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MetricUnit as MetricUnitValue } from '@aws-lambda-powertools/metrics/types';
import middy from '@middy/core';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { toKafkaErrorFromPlatformatic } from '../../onboarding/kafka/platformaticErrors';
import { createS3Client, createSqsClient } from '../../shared/aws/clients';
import { KafkaError, type KafkaErrorContext, toKafkaError } from '../../shared/kafka/errors';
import { captureLambdaHandler } from '../../shared/observability/captureLambdaHandler';
import type { Tracer } from '../../shared/observability/tracer';
import { chunkBudget, chunkRecords, exceedsTopicLimit } from './chunks';
import { bridgeObservability, buildBridgeDeps } from './clients';
import { readBridgeSettings } from './config';
import type { DeadLetter, DeadLetterItem } from './deadLetter';
import { RecordTooLargeError, UnreportableRecordError } from './errors';
import {
  batchItemFailures,
  countRetried,
  firstUnfinished,
  firstUnreportable,
  type RecordPosition,
} from './outcome';
import type { ChunkSender } from './producer';
import { type MalformedKinesisRecord, readKinesisRecords } from './readRecords';
import type { BridgeRecord } from './records';
import { sendInOrder } from './send';
import type { TopicLimits } from './topicLimits';

/** A Kinesis trigger batch, exactly as Lambda delivers it. */
export type BridgeKinesisBatchInput = KinesisStreamEvent;
/** The partial batch response (`ReportBatchItemFailures`); empty when every record is in Kafka or the DLQ. */
export type BridgeKinesisBatchOutput = KinesisStreamBatchResponse;

/** What the bridge needs; the handler builds these once per container, tests pass their own. */
export interface BridgeKinesisBatchDeps {
  /** `TARGET_TOPIC`. */
  topic: string;
  sender: ChunkSender;
  topicLimits: () => Promise<TopicLimits>;
  deadLetter: DeadLetter;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Powertools Metrics (EMF), or anything that counts. */
  metrics: { addMetric(name: string, unit: MetricUnitValue, value: number): unknown };
  /** Cap on one produce request's record bytes (tuning); the topic's `max.message.bytes` always applies. */
  maxChunkBytes?: number;
  now?: () => number;
}

/** A client failure as one of our typed Kafka errors, for the logs. */
function typedKafkaError(error: unknown, context: KafkaErrorContext): KafkaError {
  const mapped = toKafkaErrorFromPlatformatic(error, context);
  return mapped instanceof KafkaError ? mapped : toKafkaError(mapped, context);
}

/** The things observability needs to say about one batch (never payloads). */
interface BatchReport {
  records: RecordPosition[];
  acknowledged: number;
  parked: number;
  unfinished: RecordPosition[];
  requests: number;
  started: number;
}

/** A record to park: a well-formed one the topic cannot take, or a malformed one. */
type ToPark = { record: BridgeRecord; error: Error } | { record: MalformedKinesisRecord; error: Error };

function letterOf(item: ToPark): DeadLetterItem {
  return 'source' in item.record
    ? { record: item.record.source, error: item.error }
    : { malformed: item.record.dlq, error: item.error };
}

/** Parks records in the DLQ; returns the indexes parked (none when the DLQ itself failed). */
async function park(items: ToPark[], deps: BridgeKinesisBatchDeps) {
  if (items.length === 0) return new Set<number>();
  try {
    await deps.deadLetter(items.map(letterOf));
    for (const { record, error } of items) {
      deps.logger.warn('record dead-lettered', {
        shardId: record.shardId,
        sequenceNumber: record.sequenceNumber,
        reason: error.name,
        // Field names and reasons only (MalformedKinesisRecordError never holds content).
        ...(error.name === 'MalformedKinesisRecordError' ? { message: error.message } : {}),
      });
    }
    return new Set(items.map((i) => i.record.index));
  } catch (error) {
    deps.logger.error('could not park records in the DLQ; they will be retried', {
      error,
      count: items.length,
    });
    return new Set<number>();
  }
}

function report(deps: BridgeKinesisBatchDeps, r: BatchReport): BridgeKinesisBatchOutput {
  const now = deps.now ?? Date.now;
  const retried = countRetried(r.records, r.unfinished);
  const latency = now() - r.started;
  deps.metrics.addMetric('RecordsOut', MetricUnit.Count, r.acknowledged);
  deps.metrics.addMetric('RecordsDeadLettered', MetricUnit.Count, r.parked);
  deps.metrics.addMetric('RecordsFailed', MetricUnit.Count, retried);
  deps.metrics.addMetric('ProduceRequests', MetricUnit.Count, r.requests);
  deps.metrics.addMetric('BatchLatency', MetricUnit.Milliseconds, latency);
  deps.logger.info('batch bridged', {
    topic: deps.topic,
    records: r.records.length,
    acknowledged: r.acknowledged,
    deadLettered: r.parked,
    retried,
    requests: r.requests,
    firstFailed: r.unfinished.map((u) => ({ shardId: u.shardId, sequenceNumber: u.sequenceNumber })),
    latencyMs: latency,
  });
  return { batchItemFailures: batchItemFailures(r.unfinished) };
}

/**
 * The partial batch response for what is not done: each shard's first unfinished record. Throws
 * UnreportableRecordError when a record without a sequence number is unfinished and nothing before it is
 * reported: only failing the invocation makes Lambda deliver it again.
 */
function finish(
  deps: BridgeKinesisBatchDeps,
  all: RecordPosition[],
  done: (r: RecordPosition) => boolean,
  r: Omit<BatchReport, 'records' | 'unfinished'>,
): BridgeKinesisBatchOutput {
  const unfinished = firstUnfinished(all, done);
  const stuck = firstUnreportable(all, done, unfinished);
  if (stuck) throw new UnreportableRecordError(`Records[${stuck.index}]`);
  return report(deps, { ...r, records: all, unfinished });
}

/**
 * Produces a Kinesis trigger batch to the topic: keyed by partition key, with the source in headers, in
 * produce requests sized to the topic's limit and sent in order. Malformed records (a field missing, data
 * that is not base64) and records over the limit (or refused by the broker for good) go to the DLQ; on any
 * other failure, the first record Kafka did not acknowledge is reported so Kinesis retries from it.
 */
export async function bridgeKinesisBatch(
  event: BridgeKinesisBatchInput,
  deps: BridgeKinesisBatchDeps,
): Promise<BridgeKinesisBatchOutput> {
  const started = (deps.now ?? Date.now)();
  const { records, malformed } = readKinesisRecords(event);
  const all: RecordPosition[] = [...records, ...malformed].sort((a, b) => a.index - b.index);
  deps.metrics.addMetric('RecordsIn', MetricUnit.Count, all.length);
  const base = { acknowledged: 0, parked: 0, requests: 0, started };
  if (all.length === 0) return report(deps, { ...base, records: all, unfinished: [] });

  let limits: TopicLimits;
  if (records.length === 0) {
    limits = { maxMessageBytes: Number.POSITIVE_INFINITY, source: 'default' };
  } else {
    try {
      limits = await deps.topicLimits();
    } catch (error) {
      deps.logger.error('cannot read the topic limits', {
        error: typedKafkaError(error, { topic: deps.topic }),
      });
      return finish(deps, all, () => false, base);
    }
  }

  const oversized = records.filter((r) => exceedsTopicLimit(r, limits.maxMessageBytes));
  const sendable = records.filter((r) => !exceedsTopicLimit(r, limits.maxMessageBytes));
  const chunks = chunkRecords(sendable, chunkBudget(limits.maxMessageBytes, deps.maxChunkBytes));
  const outcome = await sendInOrder(chunks, deps.topic, deps.sender);
  if (outcome.failure) {
    const { record, error } = outcome.failure;
    deps.logger.error('produce failed; the rest of the batch will be retried', {
      error: typedKafkaError(error, { topic: deps.topic }),
      shardId: record.shardId,
      sequenceNumber: record.sequenceNumber,
    });
  }

  // Kinesis delivers everything from the reported record again, so park only what lies before it.
  const cutoff = outcome.failure?.record.index ?? Number.POSITIVE_INFINITY;
  const tooLarge = oversized
    .filter((r) => r.index < cutoff)
    .map((record) => ({
      record,
      error: new RecordTooLargeError({
        topic: deps.topic,
        shardId: record.shardId,
        sequenceNumber: record.sequenceNumber,
        size: record.size,
        limit: limits.maxMessageBytes,
      }) as Error,
    }));
  const bad = malformed.filter((r) => r.index < cutoff).map((record) => ({ record, error: record.error }));
  const toPark: ToPark[] = [...bad, ...tooLarge, ...outcome.rejected];
  const parked = await park(
    toPark.sort((a, b) => a.record.index - b.record.index),
    deps,
  );

  return finish(deps, all, (r) => outcome.acknowledged.has(r.index) || parked.has(r.index), {
    ...base,
    acknowledged: outcome.acknowledged.size,
    parked: parked.size,
    requests: outcome.requests,
  });
}

/** Powertools utilities of the function (created once per container). */
export interface BridgeObservability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * The middy handler around `bridgeKinesisBatch`: X-Ray, Lambda context in logs, EMF metrics flushed per
 * invocation. `resolveDeps` runs on the first invocation and its result is kept for the container's life
 * (so a missing variable fails the invocation with a BridgeConfigError rather than the module import).
 */
export function createBridgeHandler(
  observability: BridgeObservability,
  resolveDeps: () => Promise<BridgeKinesisBatchDeps>,
) {
  let deps: Promise<BridgeKinesisBatchDeps> | undefined;
  const resolve = () => {
    const pending = deps ?? resolveDeps();
    deps = pending;
    pending.catch(() => {
      if (deps === pending) deps = undefined;
    });
    return pending;
  };
  return middy<BridgeKinesisBatchInput, BridgeKinesisBatchOutput, Error, Context>()
    .use(captureLambdaHandler(observability.tracer))
    .use(injectLambdaContext(observability.logger))
    .use(logMetrics(observability.metrics, { captureColdStartMetric: true }))
    .handler(async (event) => bridgeKinesisBatch(event, await resolve()));
}

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}

const observability = bridgeObservability();

/**
 * Lambda entry point (Kinesis trigger with `ReportBatchItemFailures`). Environment: see `config.ts`
 * (`TARGET_TOPIC`, `KAFKA_BOOTSTRAP_SERVERS`, `KAFKA_AUTH`, `KAFKA_SECRET_ARN`, `KAFKA_TLS`, `DLQ_QUEUE_URL`,
 * `DLQ_BUCKET` …).
 */
export const handler = createBridgeHandler(observability, async () =>
  buildBridgeDeps(readBridgeSettings(process.env), {
    observability,
    sqs: once(() => observability.tracer.captureAWSv3Client(createSqsClient())),
    s3: once(() => observability.tracer.captureAWSv3Client(createS3Client())),
  }),
);
