import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** The task Lambdas the onboarding and offboarding state machines invoke, one job each. */
export interface OnboardingFunctions {
  validateRequest: IFunction;
  planChanges: IFunction;
  ensureScramSecret: IFunction;
  describeCluster: IFunction;
  associateScramSecret: IFunction;
  upsertScramUser: IFunction;
  ensureTopics: IFunction;
  grantAcls: IFunction;
  verifyAccess: IFunction;
  undoChanges: IFunction;
}

/** The task Lambdas of the offboarding state machine. */
export interface OffboardingFunctions {
  validateRequest: IFunction;
  revokeAcls: IFunction;
  removeCredentials: IFunction;
  deleteTopics: IFunction;
}
