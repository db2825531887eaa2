/** Why an AWS SDK call failed, as far as retrying goes. */
interface SdkErrorLike {
  name?: string;
  $retryable?: unknown;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  code?: string;
}

/** Error names of throttling and of service-side faults, across the services we call. */
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
