import { OnboardingError } from '../../errors';

/**
 * Failures of the MSK SCRAM credential steps. Context is secret names and ARNs, never a password.
 * Retriable: ScramSecretNotYetVisibleError only (its class says so: `static readonly retriable = true`).
 */
export class MskCredentialsError extends OnboardingError {
  readonly secret: string;

  constructor(message: string, secret: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MskCredentialsError';
    this.secret = secret;
  }
}

/** `SCRAM_SECRET_KMS_KEY_ARN` is missing, not a key ARN, or outside the cluster's account/Region. Not retriable. */
export class MskCredentialsConfigError extends MskCredentialsError {
  constructor(message: string, secret: string) {
    super(message, secret);
    this.name = 'MskCredentialsConfigError';
  }
}

/**
 * The secret exists but is encrypted with another key (or the default `aws/secretsmanager` key, which
 * MSK refuses). We never re-encrypt or overwrite it silently. Not retriable.
 */
export class ScramSecretKeyMismatchError extends MskCredentialsError {
  readonly actualKey: string;
  readonly expectedKey: string;

  constructor(secret: string, actualKey: string | undefined, expectedKey: string) {
    const actual = actualKey ?? 'aws/secretsmanager (the default key, which MSK cannot use)';
    super(`secret ${secret} is encrypted with ${actual}, not with the platform key ${expectedKey}`, secret);
    this.name = 'ScramSecretKeyMismatchError';
    this.actualKey = actual;
    this.expectedKey = expectedKey;
  }
}

/** The secret is scheduled for deletion (an earlier offboarding): restore it or wait until then. Not retriable. */
export class ScramSecretPendingDeletionError extends MskCredentialsError {
  constructor(secret: string, deletedDate: Date) {
    super(
      `secret ${secret} is scheduled for deletion (${deletedDate.toISOString()}): RestoreSecret it or onboard after that date`,
      secret,
    );
    this.name = 'ScramSecretPendingDeletionError';
  }
}

/** The secret exists but does not hold `{"username": <principal>, …}`. Not retriable. */
export class ScramSecretContentError extends MskCredentialsError {
  constructor(secret: string, principal: string) {
    super(`secret ${secret} does not hold a JSON SecretString with username "${principal}"`, secret);
    this.name = 'ScramSecretContentError';
  }
}

/** The association step found no secret to associate (Ensure Credentials did not run?). Not retriable. */
export class ScramSecretMissingError extends MskCredentialsError {
  constructor(secret: string) {
    super(`secret ${secret} does not exist; it must be created before it is associated`, secret);
    this.name = 'ScramSecretMissingError';
  }
}

/**
 * MSK answered `InvalidSecretArn` for a secret THIS execution just created: Secrets Manager changes are
 * eventually consistent, so MSK may not see it yet. Retriable (short backoff, a few attempts).
 */
export class ScramSecretNotYetVisibleError extends MskCredentialsError {
  static readonly retriable = true;
  readonly clusterArn: string;

  constructor(secretArn: string, clusterArn: string, errorMessage: string | undefined) {
    super(
      `MSK cannot see secret ${secretArn} yet for ${clusterArn} (InvalidSecretArn: ${errorMessage ?? 'no message'}); if this persists, check the KMS key policy allows MSK`,
      secretArn,
    );
    this.name = 'ScramSecretNotYetVisibleError';
    this.clusterArn = clusterArn;
  }
}

/** MSK returned the secret in `UnprocessedScramSecrets` (inside an HTTP 200). Not retriable. */
export class ScramSecretAssociationError extends MskCredentialsError {
  readonly clusterArn: string;
  readonly operation: 'associate' | 'disassociate';
  readonly errorCode: string;

  constructor(
    operation: 'associate' | 'disassociate',
    secretArn: string,
    clusterArn: string,
    errorCode: string | undefined,
    errorMessage: string | undefined,
  ) {
    super(
      `could not ${operation} ${secretArn} ${operation === 'associate' ? 'with' : 'from'} ${clusterArn}: ${errorCode ?? 'UnknownError'}: ${errorMessage ?? 'no message'}`,
      secretArn,
    );
    this.name = 'ScramSecretAssociationError';
    this.clusterArn = clusterArn;
    this.operation = operation;
    this.errorCode = errorCode ?? 'UnknownError';
  }
}
