import { OnboardingError } from '../errors';

/** Base class of the failures about the target MSK cluster itself; carries the cluster ARN (or ref). */
export class MskClusterError extends OnboardingError {
  readonly cluster: string;

  constructor(message: string, cluster: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MskClusterError';
    this.cluster = cluster;
  }
}

/** An MSK-only step was given a self-managed cluster. A wiring bug: never retriable. */
export class NotAnMskClusterError extends MskClusterError {
  constructor(cluster: string) {
    super(`cluster ${cluster} is not an Amazon MSK cluster; this step applies to MSK only`, cluster);
    this.name = 'NotAnMskClusterError';
  }
}

/** The cluster ARN is not `arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`. Not retriable. */
export class InvalidMskClusterArnError extends MskClusterError {
  constructor(cluster: string) {
    super(`not an MSK cluster ARN: ${cluster}`, cluster);
    this.name = 'InvalidMskClusterArnError';
  }
}

/** The cluster is FAILED or DELETING: waiting will not make it usable. Not retriable. */
export class ClusterUnusableError extends MskClusterError {
  readonly state: string;

  constructor(cluster: string, state: string) {
    super(`cluster ${cluster} is ${state} and cannot be onboarded onto`, cluster);
    this.name = 'ClusterUnusableError';
    this.state = state;
  }
}

/** The cluster did not become ACTIVE within the polling budget. Not retriable (the Wait loop already was). */
export class ClusterNotActiveError extends MskClusterError {
  readonly state: string;
  readonly attempts: number;

  constructor(cluster: string, state: string, attempts: number) {
    super(`cluster ${cluster} still ${state} after ${attempts} checks; giving up`, cluster);
    this.name = 'ClusterNotActiveError';
    this.state = state;
    this.attempts = attempts;
  }
}

/** SASL/SCRAM cannot be used: serverless cluster (IAM only) or SCRAM not enabled. Not retriable. */
export class ScramNotSupportedError extends MskClusterError {
  readonly reason: 'serverless' | 'scram-disabled';

  constructor(cluster: string, reason: 'serverless' | 'scram-disabled') {
    const why =
      reason === 'serverless'
        ? 'is serverless (MSK Serverless supports IAM authentication only)'
        : 'does not have SASL/SCRAM client authentication enabled';
    super(`cluster ${cluster} ${why}`, cluster);
    this.name = 'ScramNotSupportedError';
    this.reason = reason;
  }
}

/** The cluster exposes no bootstrap brokers for the asked authentication (listener off). Not retriable. */
export class MskListenerNotFoundError extends MskClusterError {
  readonly auth: string;

  constructor(cluster: string, auth: string) {
    super(`cluster ${cluster} has no ${auth.toUpperCase()} listener (no bootstrap brokers for it)`, cluster);
    this.name = 'MskListenerNotFoundError';
    this.auth = auth;
  }
}
