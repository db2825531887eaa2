/**
 * Errors of the DLQ replay workflow. The state machine matches on `name` (a Lambda error's `errorType`):
 * its Retry lists the names whose class says `retriable = true`, everything else is caught, the lock is
 * released and the execution fails with the original error. Messages never carry payloads or secrets.
 */

/** Base class of every replay failure; `cause` keeps the underlying error. */
export class ReplayError extends Error {
  /** True when the same call may succeed later (throttling, a service or broker briefly away). */
  readonly retriable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplayError';
  }
}

/** One bad field of a replay request: its path (`target.topic`) and why. */
export interface ReplayRequestIssue {
  path: string;
  message: string;
}

/** The request does not satisfy the replay contract; lists every bad field at once. Never retriable. */
export class ReplayRequestError extends ReplayError {
  readonly issues: ReplayRequestIssue[];

  constructor(issues: ReplayRequestIssue[]) {
    super(`replay request invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ReplayRequestError';
    this.issues = issues;
  }
}

/**
 * An AWS service (SQS, S3, Kinesis, Lambda) failed in a way that goes away by itself: throttling, a 5xx,
 * a network error, after the SDK's own retries. Retriable: the round acknowledged nothing it had not
 * delivered, so running it again is safe.
 */
export class ReplayServiceUnavailableError extends ReplayError {
  static readonly retriable = true;
  override readonly retriable = true;

  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    const cause = options?.cause as { name?: string } | undefined;
    super(`${operation} failed (${cause?.name ?? 'error'}); it may succeed later`, options);
    this.name = 'ReplayServiceUnavailableError';
  }
}

/** An AWS call failed for a reason a retry will not fix (access denied, no such queue, bad request). */
export class ReplayAwsCallError extends ReplayError {
  constructor(
    readonly operation: string,
    readonly resource: string,
    options?: { cause?: unknown },
  ) {
    const cause = options?.cause as { name?: string; message?: string } | undefined;
    super(`${operation} on ${resource} failed: ${cause?.name ?? 'Error'}: ${cause?.message ?? ''}`, options);
    this.name = 'ReplayAwsCallError';
  }
}

/** The replay lock could not be read or written for a reason other than another holder. */
export class ReplayLockError extends ReplayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplayLockError';
  }
}

/** The task's environment is missing something the deployment must set (a bucket, a queue). */
export class ReplayConfigError extends ReplayError {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayConfigError';
  }
}
