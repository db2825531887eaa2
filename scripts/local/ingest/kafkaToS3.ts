import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { kafkaToS3Clients } from '../../../tasks/ingest/kafkaToS3/clients';
import {
  createKafkaToS3Handler,
  type KafkaToS3Observability,
} from '../../../tasks/ingest/kafkaToS3/writeKafkaBatchToS3';
import type { KafkaBatchResponse } from '../../../tasks/shared/kafkaEvent/batchResponse';
import { Tracer } from '../../../tasks/shared/observability/tracer';
import { type LocalAwsStack, localS3Client, localSqsClient } from '../awsClients';
import { readStackFile } from '../stackFile';

/** BUCKET when the caller sets none: the local stack's landing bucket of the S3 writers. */
export const LOCAL_BUCKET = 'msk-flows-local';

const serviceName = 'kafka-to-s3';

/**
 * Powertools instances for in-process runs: logs and EMF go to stderr, so stdout carries only what the
 * caller prints (the `msk-flows invoke` result); tracing is off (no X-Ray daemon locally).
 */
export function localObservability(): KafkaToS3Observability {
  const stderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ serviceName, namespace: 'MskFlowsLocal', logger });
  // Both write through a `console` property set in their constructors.
  (logger as unknown as { console: Console }).console = stderr;
  (metrics as unknown as { console: Console }).console = stderr;
  return { logger, metrics, tracer: new Tracer({ serviceName, enabled: false }) };
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

const localContext = {
  functionName: serviceName,
  functionVersion: '$LATEST',
  awsRequestId: 'local',
  memoryLimitInMB: '1024',
  getRemainingTimeInMillis: () => 300_000,
} as unknown as Context;

/** The local stack's DLQ queue and claim-check bucket (the same name), used when DLQ_QUEUE_URL is unset. */
export const LOCAL_DLQ = 'msk-flows-local-dlq';

/**
 * The Kafka → S3 Lambda handler against the local S3Mock and ElasticMQ of `.local/stack.json`, for
 * `msk-flows invoke kafka-to-s3 --local`: the same environment variables as in Lambda (`env` over
 * `process.env`), with the local defaults `BUCKET=msk-flows-local` (created when missing) and the local DLQ
 * for malformed records. The returned function runs the real middy handler and resolves to its result.
 */
export async function createLocalHandler(
  env: Record<string, string> = {},
): Promise<(event: unknown) => Promise<KafkaBatchResponse>> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  const stack = readStackFile() as LocalAwsStack & { sqs?: { queues?: Record<string, string> } };
  const s3 = localS3Client(stack);
  const bucket = merged.BUCKET || LOCAL_BUCKET;
  await ensureBucket(s3, bucket);
  const localDlq = stack.sqs?.queues?.[LOCAL_DLQ];
  const dlq =
    !merged.DLQ_QUEUE_URL && localDlq ? { DLQ_QUEUE_URL: localDlq, DLQ_CLAIM_CHECK_BUCKET: LOCAL_DLQ } : {};
  const sqs = stack.sqs ? localSqsClient(stack) : undefined;
  const observability = localObservability();
  const deps = kafkaToS3Clients({ ...merged, BUCKET: bucket, ...dlq }, observability, s3, sqs);
  const handler = createKafkaToS3Handler(observability, deps);
  return (event) => handler(event, localContext);
}
