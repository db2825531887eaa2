import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClientOptions, commonConfig } from './clientConfig';
import { resetS3Client } from './s3Client';

export type { AwsClientOptions } from './clientConfig';
export { createS3Client, s3Client } from './s3Client';

/** A new SQS client. */
export function createSqsClient(options: AwsClientOptions = {}): SQSClient {
  return new SQSClient(commonConfig(options));
}

let sharedSqs: SQSClient | undefined;

/** The container's SQS client: created on first use, reused across invocations. */
export function sqsClient(): SQSClient {
  sharedSqs ??= createSqsClient();
  return sharedSqs;
}

/** Forgets the shared clients (tests that change the environment). */
export function resetAwsClients(): void {
  resetS3Client();
  sharedSqs?.destroy();
  sharedSqs = undefined;
}
