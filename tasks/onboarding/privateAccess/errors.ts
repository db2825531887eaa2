import { OnboardingError } from '../errors';

/**
 * Failures of private access (multi-VPC connectivity, cluster policy, managed VPC connection) and of the
 * cluster lock. Each class says whether it is retriable (static `retriable`, from which the state machine's
 * Retry lists are derived, workflows/shared/retriableErrors.ts); every message names the fix.
 */

/** Base class; `cluster` is the MSK cluster ARN. */
export class PrivateAccessError extends OnboardingError {
  static readonly retriable: boolean = false;

  /** Whether this error's class is retriable (what the state machine's Retry lists are derived from). */
  get retriable(): boolean {
    return (this.constructor as { retriable?: boolean }).retriable === true;
  }
  readonly cluster: string;

  constructor(message: string, cluster: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrivateAccessError';
    this.cluster = cluster;
  }
}

/** Preflight: a condition the cluster or the consumer's network must meet first. Not retriable. */
export class PrivateAccessPreflightError extends PrivateAccessError {
  readonly check: string;

  constructor(cluster: string, check: string, message: string) {
    super(`private access preflight (${check}) failed for ${cluster}: ${message}`, cluster);
    this.name = 'PrivateAccessPreflightError';
    this.check = check;
  }
}

/** Consumer subnets are in fewer than two AZs, or in AZ IDs the brokers are not in. Not retriable. */
export class AvailabilityZoneMismatchError extends PrivateAccessPreflightError {
  constructor(cluster: string, message: string) {
    super(cluster, 'availability-zones', message);
    this.name = 'AvailabilityZoneMismatchError';
  }
}

/** msk-flows could not assume the consumer account's role (trust, ExternalId, or missing role). Not retriable. */
export class ConsumerRoleError extends PrivateAccessError {
  constructor(cluster: string, roleArn: string, awsErrorName: string, options?: { cause?: unknown }) {
    super(
      `cannot assume ${roleArn} (${awsErrorName}): deploy the ConsumerAccess stack in that account with this platform's account and the request's externalId`,
      cluster,
      options,
    );
    this.name = 'ConsumerRoleError';
  }
}

/** Another execution holds the cluster lock past the waiting budget. Not retriable (the Wait loop was). */
export class ClusterLockTimeoutError extends PrivateAccessError {
  constructor(cluster: string, holder: string, attempts: number) {
    super(
      `cluster ${cluster} is still locked by execution ${holder} after ${attempts} checks; start again later`,
      cluster,
    );
    this.name = 'ClusterLockTimeoutError';
  }
}

/** The cluster is not ACTIVE (someone else's update runs) when connectivity must change. Retriable. */
export class ClusterBusyError extends PrivateAccessError {
  static override readonly retriable = true;

  constructor(cluster: string, state: string) {
    super(
      `cluster ${cluster} is ${state}: multi-VPC connectivity can only change on an ACTIVE cluster`,
      cluster,
    );
    this.name = 'ClusterBusyError';
  }
}

/** The cluster changed between our read and our write (CurrentVersion) on every in-task attempt. Retriable. */
export class ClusterVersionConflictError extends PrivateAccessError {
  static override readonly retriable = true;

  constructor(cluster: string, operation: string, options?: { cause?: unknown }) {
    super(
      `${operation} on ${cluster} kept losing to concurrent changes (CurrentVersion conflict)`,
      cluster,
      options,
    );
    this.name = 'ClusterVersionConflictError';
  }
}

/** The existing cluster policy is not a JSON policy document we can edit without rewriting it. Not retriable. */
export class ClusterPolicyUnreadableError extends PrivateAccessError {
  constructor(cluster: string, why: string, options?: { cause?: unknown }) {
    super(
      `the cluster policy of ${cluster} cannot be edited safely (${why}); fix it by hand`,
      cluster,
      options,
    );
    this.name = 'ClusterPolicyUnreadableError';
  }
}

/** UpdateConnectivity ended UPDATE_FAILED (with MSK's error info) or did not finish in time. Not retriable. */
export class ConnectivityUpdateError extends PrivateAccessError {
  constructor(cluster: string, operationArn: string, detail: string) {
    super(
      `turning on multi-VPC SASL/SCRAM connectivity on ${cluster} (${operationArn}) failed: ${detail}`,
      cluster,
    );
    this.name = 'ConnectivityUpdateError';
  }
}

/** The managed VPC connection is FAILED or REJECTED, or not AVAILABLE in time. Not retriable. */
export class VpcConnectionError extends PrivateAccessError {
  readonly vpcConnectionArn: string;
  readonly state: string;

  constructor(cluster: string, vpcConnectionArn: string, state: string, hint: string) {
    super(`managed VPC connection ${vpcConnectionArn} to ${cluster} is ${state}: ${hint}`, cluster);
    this.name = 'VpcConnectionError';
    this.vpcConnectionArn = vpcConnectionArn;
    this.state = state;
  }
}

/** The lock table is not configured (`CLUSTER_LOCK_TABLE`). A deployment bug: not retriable. */
export class ClusterLockConfigError extends PrivateAccessError {
  constructor(cluster: string) {
    super('CLUSTER_LOCK_TABLE is not set: cluster-level changes cannot be serialized', cluster);
    this.name = 'ClusterLockConfigError';
  }
}
