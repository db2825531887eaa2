import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createS3Client, createSqsClient } from '../../tasks/shared/aws/clients';

/** Region the local stack pretends to be in (ElasticMQ queue URLs and S3Mock are configured for it). */
export const LOCAL_AWS_REGION = 'us-east-1';

/** Dummy credentials: the local servers do not check signatures, but the SDK insists on signing. */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The parts of .local/stack.json this module reads (structural: no dependency on the stack file's module). */
export interface LocalAwsStack {
  sqs?: { endpoint: string };
  s3?: { endpoint: string };
}

/** Thrown when a local AWS service the caller needs is not in .local/stack.json. */
export class LocalServiceMissingError extends Error {
  constructor(readonly service: 'sqs' | 's3') {
    super(
      `The local ${service === 'sqs' ? 'SQS (ElasticMQ)' : 'S3 (S3Mock)'} server is not running: ` +
        'run `npm run local:up` (jest globalSetup does it too)',
    );
    this.name = 'LocalServiceMissingError';
  }
}

/**
 * The environment a local invoke should run a handler with: the SDK reads `AWS_ENDPOINT_URL_S3` and
 * `AWS_ENDPOINT_URL_SQS` itself, so clients built by `tasks/shared/aws/clients.ts` reach the local stack.
 */
export function localAwsEnv(stack: LocalAwsStack): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: LOCAL_AWS_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
  };
  if (stack.s3) env.AWS_ENDPOINT_URL_S3 = stack.s3.endpoint;
  if (stack.sqs) env.AWS_ENDPOINT_URL_SQS = stack.sqs.endpoint;
  return env;
}

/** An S3 client for the local S3Mock (path-style, dummy credentials). */
export function localS3Client(stack: LocalAwsStack, options: { maxAttempts?: number } = {}): S3Client {
  if (!stack.s3) throw new LocalServiceMissingError('s3');
  return createS3Client({
    endpoint: stack.s3.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
    ...options,
  });
}

/** An SQS client for the local ElasticMQ (dummy credentials). */
export function localSqsClient(stack: LocalAwsStack, options: { maxAttempts?: number } = {}): SQSClient {
  if (!stack.sqs) throw new LocalServiceMissingError('sqs');
  return createSqsClient({
    endpoint: stack.sqs.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
    ...options,
  });
}
