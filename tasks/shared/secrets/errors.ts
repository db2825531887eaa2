/** Base class of every secret failure; `secretId` is an ARN or a file path, never the secret's value. */
export class SecretError extends Error {
  readonly secretId: string;

  constructor(message: string, options: { secretId: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'SecretError';
    this.secretId = options.secretId;
  }
}

/** The secret (ARN or local file) does not exist. */
export class SecretNotFoundError extends SecretError {
  constructor(secretId: string, options: { cause?: unknown } = {}) {
    super(`Secret not found: ${secretId}`, { secretId, ...options });
    this.name = 'SecretNotFoundError';
  }
}

/** The secret exists but its value has the wrong shape; the message lists every bad field, never the value. */
export class SecretFormatError extends SecretError {
  constructor(secretId: string, problems: string[]) {
    super(`Secret ${secretId} is malformed: ${problems.join('; ')}`, { secretId });
    this.name = 'SecretFormatError';
  }
}

/** Reading or writing the secret failed for another reason (permissions, KMS, network). */
export class SecretAccessError extends SecretError {
  constructor(secretId: string, operation: string, options: { cause?: unknown } = {}) {
    super(`Could not ${operation} secret ${secretId}`, { secretId, ...options });
    this.name = 'SecretAccessError';
  }
}

/**
 * Secrets Manager (or KMS under it) throttled us, had a server fault or could not be reached, after the SDK's
 * own retries. Retriable: the state machine backs off and tries again instead of compensating.
 */
export class SecretThrottledError extends SecretError {
  static readonly retriable = true;

  constructor(secretId: string, operation: string, options: { cause?: unknown } = {}) {
    super(`Could not ${operation} secret ${secretId} now (throttled or unavailable); retry later`, {
      secretId,
      ...options,
    });
    this.name = 'SecretThrottledError';
  }
}

/** A secret reference that is neither a Secrets Manager ARN nor a local file path. */
export class SecretRefError extends SecretError {
  constructor(secretId: string) {
    super(
      `Unsupported secret reference '${secretId}': expected a Secrets Manager ARN (arn:<partition>:secretsmanager:…) or a local file path (absolute, ./relative or file:<path>)`,
      { secretId },
    );
    this.name = 'SecretRefError';
  }
}
