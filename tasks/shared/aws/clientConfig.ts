import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';

/**
 * Endpoints come from the SDK's own configuration: `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_SQS` (or
 * `AWS_ENDPOINT_URL`), read by SDK v3 itself (service-specific endpoints,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). We only add what the SDK
 * cannot infer: an S3 endpoint that is a plain host (the local S3Mock) needs path-style requests.
 */
function s3EndpointOverride(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}

/** Options for a new client; anything else comes from the environment like any SDK client. */
export interface AwsClientOptions {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** SDK attempts per call (default 3, the SDK's standard retry mode). */
  maxAttempts?: number;
  /** Socket timeout of one attempt, ms (default: none, the SDK's). */
  requestTimeoutMs?: number;
  /** Environment to read endpoint overrides from (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
}

/** The configuration every client we create shares. */
export function commonConfig(options: AwsClientOptions): S3ClientConfig & SQSClientConfig {
  return {
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.requestTimeoutMs
      ? {
          requestHandler: {
            requestTimeout: options.requestTimeoutMs,
            connectionTimeout: options.requestTimeoutMs,
          },
        }
      : {}),
  };
}

/** An S3 client's configuration: path-style addressing whenever the endpoint is overridden (local S3Mock). */
export function s3Config(options: AwsClientOptions): S3ClientConfig {
  const overridden = Boolean(options.endpoint ?? s3EndpointOverride(options.env ?? process.env));
  return { ...commonConfig(options), ...(overridden ? { forcePathStyle: true } : {}) };
}
