/**
 * Errors of the onboarding workflow. The state machine matches on `name` (a Lambda error's
 * `errorType`), so names are part of the contract: rename one only together with its Retry/Catch.
 * Messages and context never carry a secret: secret names and ARNs only.
 */

/** Base class of every onboarding failure; `cause` keeps the underlying error. */
export class OnboardingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OnboardingError';
  }
}

/** One bad field of a request: its path (`topics[0].name`) and why it was rejected. */
export interface RequestIssue {
  path: string;
  message: string;
}

/**
 * The request does not satisfy the onboarding contract. Lists every bad field in one message, so a
 * caller fixes them all at once. Never retriable: the same input fails the same way.
 */
export class RequestValidationError extends OnboardingError {
  readonly issues: RequestIssue[];

  constructor(issues: RequestIssue[], options?: { cause?: unknown }) {
    super(`request invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, options);
    this.name = 'RequestValidationError';
    this.issues = issues;
  }
}

/**
 * Names of the onboarding errors worth retrying with backoff (transient: throttling, leader or
 * coordinator not available …). The state machine's Retry lists exactly these; all others are caught.
 */
export const retriableOnboardingErrors: readonly string[] = [
  'AwsThrottledError',
  // A secret this execution just created is not visible to MSK yet (credentials/msk/errors.ts).
  'ScramSecretNotYetVisibleError',
];

/**
 * An AWS API call failed for a reason retrying will not fix (access denied, bad request, not found).
 * `operation` is the API (`CreateSecret`), `resource` the ARN or name it was about; never a secret value.
 */
export class AwsCallError extends OnboardingError {
  readonly operation: string;
  readonly resource: string;
  readonly awsErrorName: string;

  constructor(
    operation: string,
    resource: string,
    awsErrorName: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(`${operation} on ${resource} failed: ${awsErrorName}${options?.detail ? `: ${options.detail}` : ''}`, {
      cause: options?.cause,
    });
    this.name = 'AwsCallError';
    this.operation = operation;
    this.resource = resource;
    this.awsErrorName = awsErrorName;
  }
}

/** An AWS API throttled us or had a server fault after the SDK's own retries. Retriable with backoff. */
export class AwsThrottledError extends OnboardingError {
  readonly operation: string;
  readonly resource: string;

  constructor(operation: string, resource: string, options?: { cause?: unknown }) {
    super(`${operation} on ${resource} was throttled or hit a server fault; retry later`, options);
    this.name = 'AwsThrottledError';
    this.operation = operation;
    this.resource = resource;
  }
}
