import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, s3Config } from './clientConfig';

/*
 * S3 on its own (clients.ts re-exports it): a function that needs only S3, like the replay locks, does not
 * load the SQS package at start too.
 */

/** A new S3 client; path-style addressing whenever the endpoint is overridden (local S3Mock). */
export function createS3Client(options: AwsClientOptions = {}): S3Client {
  return new S3Client(s3Config(options));
}

let shared: S3Client | undefined;

/** The container's S3 client: created on first use, reused across invocations. */
export function s3Client(): S3Client {
  shared ??= createS3Client();
  return shared;
}

/** Forgets the shared S3 client (tests that change the environment). */
export function resetS3Client(): void {
  shared?.destroy();
  shared = undefined;
}
