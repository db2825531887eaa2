import { createCheckPrincipalHandler } from '../../tasks/offboarding/checkPrincipal';
import { createDeleteTopicsHandler } from '../../tasks/offboarding/deleteTopics';
import { createFinishUnfinishedRunsHandler } from '../../tasks/offboarding/finishUnfinishedRuns';
import { createPlanOffboardingHandler } from '../../tasks/offboarding/planOffboarding';
import { createRemoveCredentialsHandler } from '../../tasks/offboarding/removeCredentials';
import { createRevokeAclsHandler } from '../../tasks/offboarding/revokeAcls';
import { createGrantAclsHandler } from '../../tasks/onboarding/acl/grantAcls';
import { createDescribeClusterStateHandler } from '../../tasks/onboarding/cluster/describeClusterState';
import { connectorDeps as awsConnectorDeps } from '../../tasks/onboarding/connectors/clients';
import { registrySessionOver } from '../../tasks/onboarding/connectors/registrySession';
import type { ConnectorDeps } from '../../tasks/onboarding/connectors/types';
import { createAssociateScramSecretHandler } from '../../tasks/onboarding/credentials/msk/associateScramSecret';
import { createEnsureScramSecretHandler } from '../../tasks/onboarding/credentials/msk/ensureScramSecret';
import type { MskCredentialsDeps } from '../../tasks/onboarding/credentials/msk/types';
import { createUpsertScramUserHandler } from '../../tasks/onboarding/credentials/selfManaged/upsertScramUser';
import { DEFAULT_POLICY, type PlatformPolicy } from '../../tasks/onboarding/guardRails/defaults';
import type { KafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import type { ObservabilityTarget } from '../../tasks/onboarding/observability';
import { createPlanChangesHandler } from '../../tasks/onboarding/planChanges';
import { privateAccessDeps } from '../../tasks/onboarding/privateAccess/clients';
import type { PrivateAccessDeps } from '../../tasks/onboarding/privateAccess/types';
import { registryAccessVia } from '../../tasks/onboarding/registry/access';
import { createCommitRunHandler } from '../../tasks/onboarding/registry/commitRun';
import { createEnsureTopicsHandler } from '../../tasks/onboarding/topics/ensureTopics';
import { createUndoChangesHandler } from '../../tasks/onboarding/undoChanges';
import { createValidateRequestHandler } from '../../tasks/onboarding/validateRequest';
import { createVerifyAccessHandler } from '../../tasks/onboarding/verifyAccess';
import type { LocalTaskHandler } from '../../workflows/local';
import type { WorkflowTaskKey } from '../../workflows/taskRegistry';
import { connectorTasks } from './connectorTasks';
import { localTaskObservability } from './localTaskObservability';
import { privateAccessTasks } from './privateAccessTasks';

export type { WorkflowTaskKey } from '../../workflows/taskRegistry';

/** What the task handlers need when the workflows run in-process instead of on Lambda. */
export interface WorkflowTaskDeps {
  kafka: KafkaTaskDeps;
  msk: MskCredentialsDeps;
  /** Private access and triggers; default the module-scope clients (tests mock them). */
  privateAccess?: PrivateAccessDeps;
  /** Kafka Connect / MSK Connect; local runs pass localConnectorDeps (the local worker). */
  connectors?: ConnectorDeps;
  /** The platform policy (`--policy`, `.local/platform-policy.json`); default the built-in one. */
  policy?: PlatformPolicy;
  /** Where the handlers' metrics and traces go; default localTaskObservability() (collected, printed nowhere). */
  observability?: ObservabilityTarget;
}

/**
 * The middy handlers Lambda runs, one per task of the onboarding and offboarding machines, each built by
 * its factory (named in workflows/taskRegistry.ts) over injected deps: the engine invokes exactly what
 * Lambda runs, middlewares included. Keys are the registry's.
 */
export function workflowTasks(deps: WorkflowTaskDeps): Record<WorkflowTaskKey, LocalTaskHandler> {
  const { kafka, msk } = deps;
  const privateAccess = deps.privateAccess ?? privateAccessDeps;
  // Connector steps record what they create in the ownership registry of the request's cluster.
  const connectors = {
    registrySession: registrySessionOver(kafka.connect),
    ...(deps.connectors ?? awsConnectorDeps),
  };
  const policy = deps.policy ?? DEFAULT_POLICY;
  const target = deps.observability ?? localTaskObservability();
  return {
    ...privateAccessTasks(privateAccess, target, registryAccessVia(kafka.connect)),
    ...connectorTasks(connectors, target),
    validateRequest: createValidateRequestHandler(policy, target),
    planChanges: createPlanChangesHandler({ kafka, msk, privateAccess, connectors, policy }, target),
    ensureScramSecret: createEnsureScramSecretHandler(msk, target),
    describeCluster: createDescribeClusterStateHandler({ kafka: msk.kafka, logger: msk.logger }, target),
    associateScramSecret: createAssociateScramSecretHandler(msk, target),
    upsertScramUser: createUpsertScramUserHandler(kafka, target),
    ensureTopics: createEnsureTopicsHandler(kafka, target),
    grantAcls: createGrantAclsHandler(kafka, target),
    verifyAccess: createVerifyAccessHandler(kafka, target),
    commitRun: createCommitRunHandler(kafka, target),
    planOffboarding: createPlanOffboardingHandler(kafka, target),
    finishUnfinishedRuns: createFinishUnfinishedRunsHandler({ ...kafka, msk, connectors }, target),
    undoChanges: createUndoChangesHandler({ kafka, msk, privateAccess, connectors }, target),
    checkPrincipal: createCheckPrincipalHandler({ kafka, mskKafka: msk.kafka, policy }, target),
    revokeAcls: createRevokeAclsHandler(kafka, target),
    removeCredentials: createRemoveCredentialsHandler({ kafka, msk }, target),
    deleteTopics: createDeleteTopicsHandler(kafka, target),
  };
}
