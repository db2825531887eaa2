import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClientOptions, commonConfig, s3Config } from './clientConfig';

/*
 * Clients for a rare path (dead letters): the package is imported when the client is first asked for, so a
 * function whose normal path never touches S3 or SQS does not load them at start (tens of ms each).
 */

/** A new S3 client, its package loaded now (path-style addressing whenever the endpoint is overridden). */
export async function loadS3Client(options: AwsClientOptions = {}): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client(s3Config(options));
}

/** A new SQS client, its package loaded now. */
export async function loadSqsClient(options: AwsClientOptions = {}): Promise<SQSClient> {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient(commonConfig(options));
}
