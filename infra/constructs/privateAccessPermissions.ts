import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import type { CallTable } from '../permissions/calls';
import {
  ACQUIRE_CLUSTER_LOCK_CALLS,
  COPY_TRIGGER_SECRET_CALLS,
  DESCRIBE_CONNECTIVITY_UPDATE_CALLS,
  DESCRIBE_EVENT_SOURCE_MAPPINGS_CALLS,
  DESCRIBE_VPC_CONNECTION_CALLS,
  ENABLE_MULTI_VPC_CONNECTIVITY_CALLS,
  ENSURE_EVENT_SOURCE_MAPPINGS_CALLS,
  ENSURE_VPC_CONNECTION_CALLS,
  MERGE_CLUSTER_POLICY_CALLS,
  RELEASE_CLUSTER_LOCK_CALLS,
  REMOVE_PRIVATE_ACCESS_CALLS,
  REMOVE_TRIGGERS_CALLS,
  REPORT_CONSUMER_BOOTSTRAP_CALLS,
} from '../permissions/privateAccessCalls';

/** The role every consumer account's ConsumerAccess stack creates; msk-flows assumes no other. */
export const CONSUMER_ROLE_NAME = 'msk-flows-consumer-access';

/**
 * Each private access and trigger task and its call table (infra/constructs/onboardingPermissions.ts grants
 * them; Plan and Undo Changes hold these sections' calls in their own tables).
 */
export function privateAccessCallTables(fns: {
  onboarding: OnboardingFunctions;
  offboarding: OffboardingFunctions;
}): [IGrantable & IConstruct, CallTable][] {
  const { onboarding: on, offboarding: off } = fns;
  return [
    [on.acquireClusterLock, ACQUIRE_CLUSTER_LOCK_CALLS],
    [on.releaseClusterLock, RELEASE_CLUSTER_LOCK_CALLS],
    [on.enableMultiVpcConnectivity, ENABLE_MULTI_VPC_CONNECTIVITY_CALLS],
    [on.describeConnectivityUpdate, DESCRIBE_CONNECTIVITY_UPDATE_CALLS],
    [on.mergeClusterPolicy, MERGE_CLUSTER_POLICY_CALLS],
    [on.ensureVpcConnection, ENSURE_VPC_CONNECTION_CALLS],
    [on.describeVpcConnection, DESCRIBE_VPC_CONNECTION_CALLS],
    [on.reportConsumerBootstrap, REPORT_CONSUMER_BOOTSTRAP_CALLS],
    [on.copyTriggerSecret, COPY_TRIGGER_SECRET_CALLS],
    [on.ensureEventSourceMappings, ENSURE_EVENT_SOURCE_MAPPINGS_CALLS],
    [on.describeEventSourceMappings, DESCRIBE_EVENT_SOURCE_MAPPINGS_CALLS],
    [off.removeTriggers, REMOVE_TRIGGERS_CALLS],
    [off.removePrivateAccess, REMOVE_PRIVATE_ACCESS_CALLS],
  ];
}
