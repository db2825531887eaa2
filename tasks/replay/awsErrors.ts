import { ReplayAwsCallError, type ReplayError, ReplayServiceUnavailableError } from './errors';

interface SdkErrorLike {
  name?: string;
  $retryable?: unknown;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  code?: string;
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalFailure',
  'KMSThrottlingException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** True for an AWS SDK failure that may go away by itself: throttling, a 5xx, a network error. */
export function isTransientAwsError(error: unknown): boolean {
  const e = (error ?? {}) as SdkErrorLike;
  if (e.$retryable) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e.name && TRANSIENT_NAMES.has(e.name)) return true;
  // The service was not reached at all (connection refused, reset, DNS): Node's error code says so.
  return e.code !== undefined && NETWORK_CODES.has(e.code);
}

/** Wraps an AWS SDK failure in the replay's typed errors: retriable or not, never with a payload. */
export function awsFailure(operation: string, resource: string, error: unknown): ReplayError {
  return isTransientAwsError(error)
    ? new ReplayServiceUnavailableError(operation, { cause: error })
    : new ReplayAwsCallError(operation, resource, { cause: error });
}

/** Runs one AWS call, turning its failure into a typed replay error. */
export async function awsCall<T>(operation: string, resource: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw awsFailure(operation, resource, error);
  }
}
