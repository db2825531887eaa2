import { AwsCallError, AwsThrottledError, OnboardingError } from '../errors';

// Throttling and server faults of MSK and Secrets Manager: the SDK already retried them (3 attempts);
// what is left is for the state machine's Retry with longer backoff.
const BUSY_ERROR_NAMES: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'ServiceUnavailableException',
  'InternalServerErrorException',
  'InternalServiceError',
]);

/** The AWS error name (`ResourceNotFoundException` …) of a thrown SDK error, or `Error`. */
export function awsErrorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}

/** Maps an SDK failure to AwsThrottledError (retriable) or AwsCallError; our own errors pass through. */
export function toAwsCallError(operation: string, resource: string, error: unknown): OnboardingError {
  if (error instanceof OnboardingError) return error;
  const name = awsErrorName(error);
  const serverFault = (error as { $fault?: unknown } | null)?.$fault === 'server';
  if (BUSY_ERROR_NAMES.has(name) || serverFault)
    return new AwsThrottledError(operation, resource, { cause: error });
  // AWS error messages describe the request's problem and never echo a secret value back.
  const detail = error instanceof Error ? error.message.slice(0, 300) : undefined;
  return new AwsCallError(operation, resource, name, { cause: error, detail });
}

/** Runs one AWS call, turning its failure into a typed onboarding error. */
export async function awsCall<T>(operation: string, resource: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(operation, resource, error);
  }
}
