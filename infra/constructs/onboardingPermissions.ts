import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct, IConstruct } from 'constructs';
import { REGISTRY_TOPIC } from '../../tasks/onboarding/registry/registryTopic';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { type CallTable, grantCalls } from '../permissions/calls';
import {
  CHECK_PRINCIPAL_CALLS,
  DELETE_TOPICS_CALLS,
  FINISH_UNFINISHED_RUNS_CALLS,
  PLAN_OFFBOARDING_CALLS,
  REMOVE_CREDENTIALS_CALLS,
  REVOKE_ACLS_CALLS,
} from '../permissions/offboardingCalls';
import {
  ASSOCIATE_SCRAM_SECRET_CALLS,
  COMMIT_RUN_CALLS,
  DESCRIBE_CLUSTER_CALLS,
  ENSURE_SCRAM_SECRET_CALLS,
  ENSURE_TOPICS_CALLS,
  GRANT_ACLS_CALLS,
  PLAN_CHANGES_CALLS,
  UNDO_CHANGES_CALLS,
  UPSERT_SCRAM_USER_CALLS,
  VERIFY_ACCESS_CALLS,
} from '../permissions/onboardingCalls';
import { ArnPatterns } from './arns';
import { CONSUMER_ROLE_NAME, privateAccessCallTables } from './privateAccessPermissions';
import { tagScramKeyUser } from './scramSecretKey';

/** Secrets our tasks create or read: MSK's mandatory prefix, and the admin secrets we are given. */
const SCRAM_SECRET_PREFIX = 'AmazonMSK_';
const ADMIN_SECRET_PREFIX = 'msk-flows/admin/';

/** Each onboarding/offboarding task (credentials, Kafka-facing, Plan and Undo Changes) and its table. */
export function onboardingCallTables(fns: {
  onboarding: OnboardingFunctions;
  offboarding: OffboardingFunctions;
}): [IGrantable & IConstruct, CallTable][] {
  const { onboarding: on, offboarding: off } = fns;
  return [
    [on.planChanges, PLAN_CHANGES_CALLS],
    [on.ensureScramSecret, ENSURE_SCRAM_SECRET_CALLS],
    [on.describeCluster, DESCRIBE_CLUSTER_CALLS],
    [on.associateScramSecret, ASSOCIATE_SCRAM_SECRET_CALLS],
    [on.upsertScramUser, UPSERT_SCRAM_USER_CALLS],
    [on.ensureTopics, ENSURE_TOPICS_CALLS],
    [on.grantAcls, GRANT_ACLS_CALLS],
    [on.verifyAccess, VERIFY_ACCESS_CALLS],
    [on.commitRun, COMMIT_RUN_CALLS],
    [on.undoChanges, UNDO_CHANGES_CALLS],
    [off.planOffboarding, PLAN_OFFBOARDING_CALLS],
    [off.finishUnfinishedRuns, FINISH_UNFINISHED_RUNS_CALLS],
    [off.checkPrincipal, CHECK_PRINCIPAL_CALLS],
    [off.revokeAcls, REVOKE_ACLS_CALLS],
    [off.removeCredentials, REMOVE_CREDENTIALS_CALLS],
    [off.deleteTopics, DELETE_TOPICS_CALLS],
  ];
}

/**
 * Grants each onboarding/offboarding task (private access and triggers included; the connector tasks'
 * come from infra/constructs/connectorPermissions.ts) exactly its call table's calls, on ARNs built with the
 * partition: `AmazonMSK_…` secrets only when tagged as ours (or as the admin's), the platform key through
 * Secrets Manager only (and the key policy admits the role by its tag), MSK IAM actions per Kafka request.
 */
export function grantOnboardingPermissions(
  scope: Construct,
  fns: { onboarding: OnboardingFunctions; offboarding: OffboardingFunctions },
  key: IKey,
  stage: string,
  lockTable: ITable,
): void {
  const arns = new ArnPatterns(scope);
  const { partition, region, account } = Stack.of(scope);
  const resources: Record<string, string[]> = {
    any: ['*'],
    clusters: [arns.mskClusters()],
    configurations: [arns.mskConfigurations()],
    topics: [arns.mskKafkaResources('topic')],
    groups: [arns.mskKafkaResources('group')],
    registryTopic: [arns.mskTopicNamed(REGISTRY_TOPIC)],
    adminSecrets: [arns.secretsNamed(ADMIN_SECRET_PREFIX)],
    mskAdminSecrets: [arns.secretsNamed(SCRAM_SECRET_PREFIX)],
    scramSecrets: [arns.secretsNamed(SCRAM_SECRET_PREFIX)],
    scramSecretKey: [key.keyArn],
    consumerRoles: [`arn:${partition}:iam::*:role/${CONSUMER_ROLE_NAME}`],
    lockTable: [lockTable.tableArn],
    mappings: [`arn:${partition}:lambda:${region}:${account}:event-source-mapping:*`],
  };
  for (const [fn, table] of [...onboardingCallTables(fns), ...privateAccessCallTables(fns)]) {
    grantCalls(scope, fn, table, resources);
    if (table.calls.some((call) => call.on === 'scramSecretKey')) tagScramKeyUser(fn, stage);
  }
}
