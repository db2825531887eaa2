import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClientOptions, commonConfig, s3Config } from './clientConfig';

export type { AwsClientOptions } from './clientConfig';

/** A new S3 client; path-style addressing whenever the endpoint is overridden (local S3Mock). */
export function createS3Client(options: AwsClientOptions = {}): S3Client {
  return new S3Client(s3Config(options));
}

/** A new SQS client. */
export function createSqsClient(options: AwsClientOptions = {}): SQSClient {
  return new SQSClient(commonConfig(options));
}

let sharedS3: S3Client | undefined;
let sharedSqs: SQSClient | undefined;

/** The container's S3 client: created on first use, reused across invocations. */
export function s3Client(): S3Client {
  sharedS3 ??= createS3Client();
  return sharedS3;
}

/** The container's SQS client: created on first use, reused across invocations. */
export function sqsClient(): SQSClient {
  sharedSqs ??= createSqsClient();
  return sharedSqs;
}

/** Forgets the shared clients (tests that change the environment). */
export function resetAwsClients(): void {
  sharedS3?.destroy();
  sharedSqs?.destroy();
  sharedS3 = undefined;
  sharedSqs = undefined;
}
