import type { ReplayFunctions } from './dlq-replay/functions';
import type { OffboardingFunctions, OnboardingFunctions } from './onboarding/functions';

/**
 * Where one task of a state machine lives: the file its Lambda function bundles (exporting `handler`) and
 * the export of that file that builds the same middy handler over given deps, which local runs call. Plain
 * data, so infra/ reads it without loading any task code.
 */
export interface TaskEntry {
  /** Repo-relative task file exporting `handler` and `factory`. */
  entry: string;
  /** The handler factory: `handler` is this factory applied to the container's deps. */
  factory: string;
}

/** A task of the onboarding or offboarding machine (both share Validate Request's function). */
export type WorkflowTaskKey = keyof OnboardingFunctions | keyof OffboardingFunctions;

/** A task of the DLQ replay machine. */
export type ReplayTaskKey = keyof ReplayFunctions;

const at = (entry: string, factory: string): TaskEntry => ({ entry: `tasks/${entry}`, factory });

/**
 * Every task of the onboarding and offboarding machines: infra/constructs/ bundles `entry` for each
 * function, cli/local/ binds each key to `factory`'s handler. Offboarding's own tasks live in
 * tasks/offboarding/.
 */
export const WORKFLOW_TASKS: Readonly<Record<WorkflowTaskKey, TaskEntry>> = {
  validateRequest: at('onboarding/validateRequest.ts', 'createValidateRequestHandler'),
  planChanges: at('onboarding/planChanges.ts', 'createPlanChangesHandler'),
  ensureScramSecret: at('onboarding/credentials/msk/ensureScramSecret.ts', 'createEnsureScramSecretHandler'),
  describeCluster: at('onboarding/cluster/describeClusterState.ts', 'createDescribeClusterStateHandler'),
  associateScramSecret: at(
    'onboarding/credentials/msk/associateScramSecret.ts',
    'createAssociateScramSecretHandler',
  ),
  upsertScramUser: at(
    'onboarding/credentials/selfManaged/upsertScramUser.ts',
    'createUpsertScramUserHandler',
  ),
  ensureTopics: at('onboarding/topics/ensureTopics.ts', 'createEnsureTopicsHandler'),
  grantAcls: at('onboarding/acl/grantAcls.ts', 'createGrantAclsHandler'),
  verifyAccess: at('onboarding/verifyAccess.ts', 'createVerifyAccessHandler'),
  commitRun: at('onboarding/registry/commitRun.ts', 'createCommitRunHandler'),
  undoChanges: at('onboarding/undoChanges.ts', 'createUndoChangesHandler'),
  acquireClusterLock: at('onboarding/privateAccess/acquireClusterLock.ts', 'createAcquireClusterLockHandler'),
  enableMultiVpcConnectivity: at(
    'onboarding/privateAccess/enableMultiVpcConnectivity.ts',
    'createEnableMultiVpcConnectivityHandler',
  ),
  describeConnectivityUpdate: at(
    'onboarding/privateAccess/describeConnectivityUpdate.ts',
    'createDescribeConnectivityUpdateHandler',
  ),
  mergeClusterPolicy: at('onboarding/privateAccess/mergeClusterPolicy.ts', 'createMergeClusterPolicyHandler'),
  releaseClusterLock: at('onboarding/privateAccess/releaseClusterLock.ts', 'createReleaseClusterLockHandler'),
  ensureVpcConnection: at(
    'onboarding/privateAccess/ensureVpcConnection.ts',
    'createEnsureVpcConnectionHandler',
  ),
  describeVpcConnection: at(
    'onboarding/privateAccess/describeVpcConnection.ts',
    'createDescribeVpcConnectionHandler',
  ),
  reportConsumerBootstrap: at(
    'onboarding/privateAccess/reportConsumerBootstrap.ts',
    'createReportConsumerBootstrapHandler',
  ),
  copyTriggerSecret: at('onboarding/triggers/copyTriggerSecret.ts', 'createCopyTriggerSecretHandler'),
  ensureEventSourceMappings: at(
    'onboarding/triggers/ensureEventSourceMappings.ts',
    'createEnsureEventSourceMappingsHandler',
  ),
  describeEventSourceMappings: at(
    'onboarding/triggers/describeEventSourceMappings.ts',
    'createDescribeEventSourceMappingsHandler',
  ),
  ensureConnectorPlugins: at(
    'onboarding/connectors/ensureConnectorPlugins.ts',
    'createEnsureConnectorPluginsHandler',
  ),
  describeConnectorPlugins: at(
    'onboarding/connectors/describeConnectorPlugins.ts',
    'createDescribeConnectorPluginsHandler',
  ),
  ensureConnectors: at('onboarding/connectors/ensureConnectors.ts', 'createEnsureConnectorsHandler'),
  describeConnectors: at('onboarding/connectors/describeConnectors.ts', 'createDescribeConnectorsHandler'),
  removeConnectors: at('offboarding/removeConnectors.ts', 'createRemoveConnectorsHandler'),
  removeTriggers: at('offboarding/removeTriggers.ts', 'createRemoveTriggersHandler'),
  removePrivateAccess: at('offboarding/removePrivateAccess.ts', 'createRemovePrivateAccessHandler'),
  planOffboarding: at('offboarding/planOffboarding.ts', 'createPlanOffboardingHandler'),
  finishUnfinishedRuns: at('offboarding/finishUnfinishedRuns.ts', 'createFinishUnfinishedRunsHandler'),
  checkPrincipal: at('offboarding/checkPrincipal.ts', 'createCheckPrincipalHandler'),
  revokeAcls: at('offboarding/revokeAcls.ts', 'createRevokeAclsHandler'),
  removeCredentials: at('offboarding/removeCredentials.ts', 'createRemoveCredentialsHandler'),
  deleteTopics: at('offboarding/deleteTopics.ts', 'createDeleteTopicsHandler'),
};

/** Every task of the DLQ replay machine, read by infra/constructs/replayFunctions.ts and cli/local/replayTasks.ts. */
export const REPLAY_TASKS: Readonly<Record<ReplayTaskKey, TaskEntry>> = {
  validateRequest: at('replay/validateReplayRequest.ts', 'createValidateReplayRequestHandler'),
  surveyQueue: at('replay/surveyQueue.ts', 'createSurveyQueueHandler'),
  acquireLock: at('replay/acquireReplayLock.ts', 'createAcquireReplayLockHandler'),
  replayBatch: at('replay/replayBatch.ts', 'createReplayBatchHandler'),
  releaseLock: at('replay/releaseReplayLock.ts', 'createReleaseReplayLockHandler'),
};
