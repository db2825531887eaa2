import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { iotToS3Clients } from '../../../tasks/ingest/iotToS3/clients';
import {
  createIotToS3Handler,
  type IotToS3Observability,
} from '../../../tasks/ingest/iotToS3/writeIotBatchToS3';
import { Tracer } from '../../../tasks/shared/observability/tracer';
import { type LocalAwsStack, localS3Client, localSqsClient } from '../awsClients';
import { readStackFile, type StackFile } from '../index';

/** BUCKET when the caller sets none: the local stack's landing bucket of the S3 writers. */
export const LOCAL_BUCKET = 'msk-flows-local';
/** DLQ_CLAIM_CHECK_BUCKET when the caller sets none: the local stack's claim-check bucket. */
export const LOCAL_CLAIM_CHECK_BUCKET = 'msk-flows-local-dlq';
/** The local stack's DLQ, used when DLQ_QUEUE_URL is not set (created if missing). */
export const LOCAL_DLQ_QUEUE = 'msk-flows-local-dlq';

/** SDK clients for the local S3Mock and ElasticMQ of `.local/stack.json` (fails clearly when they are not up). */
export function localAwsClients(stack: StackFile = readStackFile()): { s3: S3Client; sqs: SQSClient } {
  const aws = stack as LocalAwsStack;
  return { s3: localS3Client(aws), sqs: localSqsClient(aws) };
}

/** Creates the bucket unless it exists (idempotent). */
export async function ensureLocalBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (
      (error as Error).name !== 'BucketAlreadyOwnedByYou' &&
      (error as Error).name !== 'BucketAlreadyExists'
    ) {
      throw error;
    }
  }
}

/** Creates the queue unless it exists (CreateQueue is idempotent for the same attributes) and returns its URL. */
export async function ensureLocalQueue(sqs: SQSClient, name: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  return QueueUrl;
}

/**
 * Powertools instances for in-process runs: logs and EMF go to stderr, so stdout carries only what the
 * caller prints (the `msk-flows invoke` result).
 */
export function localObservability(): IotToS3Observability {
  const stderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  const logger = new Logger({ serviceName: 'iot-to-s3' });
  const metrics = new Metrics({ serviceName: 'iot-to-s3', namespace: 'MskFlowsLocal' });
  // Both write through a `console` property set in their constructors.
  (logger as unknown as { console: Console }).console = stderr;
  (metrics as unknown as { console: Console }).console = stderr;
  return { logger, metrics, tracer: new Tracer({ serviceName: 'iot-to-s3', enabled: false }) };
}

const localContext = {
  functionName: 'iot-to-s3',
  functionVersion: '$LATEST',
  awsRequestId: 'local',
  memoryLimitInMB: '512',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

/**
 * The batcher's Lambda handler against the local stack: the same environment variables as in Lambda
 * (`env` over `process.env`), with local defaults `BUCKET=msk-flows-local`,
 * `DLQ_CLAIM_CHECK_BUCKET=msk-flows-local-dlq` and `DLQ_QUEUE_URL` = the `msk-flows-local-dlq` queue;
 * buckets and queue are created when missing. Resolves once they exist.
 */
export async function createLocalHandler(
  env: Record<string, string> = {},
): Promise<(event: unknown) => Promise<SQSBatchResponse>> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  const clients = localAwsClients();
  const bucket = merged.BUCKET || LOCAL_BUCKET;
  const claimCheckBucket = merged.DLQ_CLAIM_CHECK_BUCKET || LOCAL_CLAIM_CHECK_BUCKET;
  await ensureLocalBucket(clients.s3, bucket);
  await ensureLocalBucket(clients.s3, claimCheckBucket);
  const dlqUrl = merged.DLQ_QUEUE_URL || (await ensureLocalQueue(clients.sqs, LOCAL_DLQ_QUEUE));
  const observability = localObservability();
  const localEnv = {
    ...merged,
    BUCKET: bucket,
    DLQ_QUEUE_URL: dlqUrl,
    DLQ_CLAIM_CHECK_BUCKET: claimCheckBucket,
  };
  const handler = createIotToS3Handler(observability, iotToS3Clients(localEnv, observability, clients));
  return async (event) => {
    if (!Array.isArray((event as Partial<SQSEvent> | null)?.Records)) {
      throw new TypeError('iot-to-s3 expects an SQS event: {"Records": [...]}');
    }
    return handler(event as SQSEvent, localContext);
  };
}
