import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** The task Lambdas of private access (cluster lock, connectivity, cluster policy, VPC connection). */
export interface PrivateAccessFunctions {
  acquireClusterLock: IFunction;
  enableMultiVpcConnectivity: IFunction;
  describeConnectivityUpdate: IFunction;
  mergeClusterPolicy: IFunction;
  releaseClusterLock: IFunction;
  ensureVpcConnection: IFunction;
  describeVpcConnection: IFunction;
  reportConsumerBootstrap: IFunction;
}

/** The task Lambdas of Lambda triggers (secret copy, event source mappings). */
export interface TriggerFunctions {
  copyTriggerSecret: IFunction;
  ensureEventSourceMappings: IFunction;
  describeEventSourceMappings: IFunction;
}

/** The task Lambdas of connectors (MSK Connect plugins, connectors on either platform). */
export interface ConnectorFunctions {
  ensureConnectorPlugins: IFunction;
  describeConnectorPlugins: IFunction;
  ensureConnectors: IFunction;
  describeConnectors: IFunction;
}

/** The offboarding task Lambdas of private access and triggers. */
export interface PrivateAccessOffboardingFunctions {
  removeTriggers: IFunction;
  removePrivateAccess: IFunction;
}

/** The task Lambdas the onboarding and offboarding state machines invoke, one job each. */
export interface OnboardingFunctions extends PrivateAccessFunctions, TriggerFunctions, ConnectorFunctions {
  validateRequest: IFunction;
  planChanges: IFunction;
  ensureScramSecret: IFunction;
  describeCluster: IFunction;
  associateScramSecret: IFunction;
  upsertScramUser: IFunction;
  ensureTopics: IFunction;
  grantAcls: IFunction;
  verifyAccess: IFunction;
  commitRun: IFunction;
  undoChanges: IFunction;
}

/** The task Lambdas of the offboarding state machine. */
export interface OffboardingFunctions extends PrivateAccessOffboardingFunctions {
  validateRequest: IFunction;
  removeConnectors: IFunction;
  planOffboarding: IFunction;
  finishUnfinishedRuns: IFunction;
  /** Refuses the admin, a super user or a reserved principal before anything is removed. */
  checkPrincipal: IFunction;
  revokeAcls: IFunction;
  removeCredentials: IFunction;
  deleteTopics: IFunction;
}
