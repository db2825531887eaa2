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
    const detail = options?.detail ? `: ${options.detail}` : '';
    super(`${operation} on ${resource} failed: ${awsErrorName}${detail}`, { cause: options?.cause });
    this.name = 'AwsCallError';
    this.operation = operation;
    this.resource = resource;
    this.awsErrorName = awsErrorName;
  }
}

/** An AWS API throttled us or had a server fault after the SDK's own retries. Retriable with backoff. */
export class AwsThrottledError extends OnboardingError {
  static readonly retriable = true;
  readonly operation: string;
  readonly resource: string;

  constructor(operation: string, resource: string, options?: { cause?: unknown }) {
    super(`${operation} on ${resource} was throttled or hit a server fault; retry later`, options);
    this.name = 'AwsThrottledError';
    this.operation = operation;
    this.resource = resource;
  }
}

/**
 * An existing topic differs from the request in a way we never change: fewer partitions than it has
 * (Kafka cannot shrink a topic; we never recreate one) or another replication factor (we do not
 * reassign replicas). Not retriable: fix the request or the topic by hand.
 */
export class TopicConfigDriftError extends OnboardingError {
  readonly topic: string;
  readonly field: 'partitions' | 'replicationFactor';
  readonly current: number;
  readonly requested: number;

  constructor(
    topic: string,
    field: 'partitions' | 'replicationFactor',
    current: number,
    requested: number,
    options?: { cause?: unknown; cluster?: string },
  ) {
    const why =
      field === 'partitions'
        ? 'Kafka cannot reduce partitions and the workflow never recreates a topic'
        : 'the workflow does not reassign replicas';
    const where = options?.cluster ? ` on ${options.cluster}` : '';
    super(
      `topic ${topic}${where} has ${field} ${current}, the request asks for ${requested}: ${why}`,
      options,
    );
    this.name = 'TopicConfigDriftError';
    this.topic = topic;
    this.field = field;
    this.current = current;
    this.requested = requested;
  }
}

/**
 * The SCRAM user already exists on the self-managed cluster but the workflow's secret for it does not:
 * someone else may use that password, so we refuse to reset it. Not retriable: restore the secret
 * or remove the user first.
 */
export class ScramUserConflictError extends OnboardingError {
  readonly user: string;
  readonly secretName: string;

  constructor(user: string, secretName: string, options?: { cause?: unknown }) {
    super(
      `SCRAM user ${user} already exists on the cluster but secret ${secretName} does not: ` +
        'refusing to reset a password someone else may be using (restore the secret or remove the user first)',
      options,
    );
    this.name = 'ScramUserConflictError';
    this.user = user;
    this.secretName = secretName;
  }
}

/**
 * The new principal still could not log in or describe its topics after Verify Access's last attempt
 * (about 15 minutes of growing waits). Not retriable: the Wait loop already was the retry.
 */
export class AccessVerificationError extends OnboardingError {
  readonly principal: string;
  readonly attempts: number;
  readonly reason: 'authentication' | 'authorization';
  readonly deniedTopics: string[];

  constructor(
    principal: string,
    attempts: number,
    reason: 'authentication' | 'authorization',
    deniedTopics: string[] = [],
    options?: { cause?: unknown },
  ) {
    const what =
      reason === 'authentication'
        ? 'could not authenticate with its SCRAM secret'
        : `was denied describing ${deniedTopics.join(', ')}`;
    super(`principal ${principal} ${what} after ${attempts} attempts`, options);
    this.name = 'AccessVerificationError';
    this.principal = principal;
    this.attempts = attempts;
    this.reason = reason;
    this.deniedTopics = deniedTopics;
  }
}

/**
 * Undo Changes could not remove everything this execution created; `leftovers` says what remains so an
 * operator can finish by hand. Not retriable (retriable failures are rethrown as themselves).
 */
export class CompensationIncompleteError extends OnboardingError {
  readonly leftovers: { kind: string; id?: string; error: string }[];

  constructor(leftovers: { kind: string; id?: string; error: string }[], options?: { cause?: unknown }) {
    super(
      `compensation incomplete, left behind: ${leftovers
        .map((l) => `${l.kind}${l.id ? ` ${l.id}` : ''} (${l.error})`)
        .join(
          '; ',
        )}; the ownership registry keeps them: rerun the request, offboard it, or run msk-flows reconcile`,
      options,
    );
    this.name = 'CompensationIncompleteError';
    this.leftovers = leftovers;
  }
}
