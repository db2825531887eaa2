import { isTransientAwsError } from '../shared/aws/transient';
import { ReplayAwsCallError, type ReplayError, ReplayServiceUnavailableError } from './errors';

export { isTransientAwsError } from '../shared/aws/transient';

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
