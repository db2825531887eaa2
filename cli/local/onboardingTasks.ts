import { checkPrincipal } from '../../tasks/offboarding/checkPrincipal';
import { finishUnfinishedRuns } from '../../tasks/offboarding/finishUnfinishedRuns';
import { planOffboarding } from '../../tasks/offboarding/planOffboarding';
import { removeCredentials } from '../../tasks/offboarding/removeCredentials';
import { grantAcls } from '../../tasks/onboarding/acl/grantAcls';
import { revokeAcls } from '../../tasks/onboarding/acl/revokeAcls';
import { describeClusterState } from '../../tasks/onboarding/cluster/describeClusterState';
import { connectorDeps as awsConnectorDeps } from '../../tasks/onboarding/connectors/clients';
import { registrySessionOver } from '../../tasks/onboarding/connectors/registrySession';
import type { ConnectorDeps } from '../../tasks/onboarding/connectors/types';
import { associateScramSecret } from '../../tasks/onboarding/credentials/msk/associateScramSecret';
import { ensureScramSecret } from '../../tasks/onboarding/credentials/msk/ensureScramSecret';
import type { MskCredentialsDeps } from '../../tasks/onboarding/credentials/msk/types';
import { upsertScramUser } from '../../tasks/onboarding/credentials/selfManaged/upsertScramUser';
import { DEFAULT_POLICY, type PlatformPolicy } from '../../tasks/onboarding/guardRails/defaults';
import type { KafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import { planChanges } from '../../tasks/onboarding/planChanges';
import { privateAccessDeps } from '../../tasks/onboarding/privateAccess/clients';
import type { PrivateAccessDeps } from '../../tasks/onboarding/privateAccess/types';
import { commitRun } from '../../tasks/onboarding/registry/commitRun';
import { deleteTopics } from '../../tasks/onboarding/topics/deleteTopics';
import { ensureTopics } from '../../tasks/onboarding/topics/ensureTopics';
import { undoChanges } from '../../tasks/onboarding/undoChanges';
import { validateRequest } from '../../tasks/onboarding/validateRequest';
import { verifyAccess } from '../../tasks/onboarding/verifyAccess';
import type { LocalTaskHandler } from '../../workflows/local';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { connectorTasks } from './connectorTasks';
import { privateAccessTasks } from './privateAccessTasks';

/** What the task cores need when the workflows run in-process instead of on Lambda. */
export interface WorkflowTaskDeps {
  kafka: KafkaTaskDeps;
  msk: MskCredentialsDeps;
  /** Private access and triggers; default the module-scope clients (tests mock them). */
  privateAccess?: PrivateAccessDeps;
  /** Kafka Connect / MSK Connect; local runs pass localConnectorDeps (the local worker). */
  connectors?: ConnectorDeps;
  /** The platform policy (`--policy`, `.local/platform-policy.json`); default the built-in one. */
  policy?: PlatformPolicy;
}

export type WorkflowTaskKey = keyof OnboardingFunctions | keyof OffboardingFunctions;

/**
 * The same cores the Lambda handlers call, bound to injected deps, one per task function of the
 * onboarding and offboarding machines. Keys are the functions' names in OnboardingFunctions.
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
  return {
    ...privateAccessTasks(privateAccess),
    ...connectorTasks(connectors),
    validateRequest: (input) => validateRequest(input, policy),
    planChanges: (input) => planChanges(input, { kafka, msk, privateAccess, connectors, policy }),
    ensureScramSecret: (input) => ensureScramSecret(input, msk),
    describeCluster: (input) => describeClusterState(input, { kafka: msk.kafka, logger: msk.logger }),
    associateScramSecret: (input) => associateScramSecret(input, msk),
    upsertScramUser: (input) => upsertScramUser(input, kafka),
    ensureTopics: (input) => ensureTopics(input, kafka),
    grantAcls: (input) => grantAcls(input, kafka),
    verifyAccess: (input) => verifyAccess(input, kafka),
    commitRun: (input) => commitRun(input, kafka),
    planOffboarding: (input) => planOffboarding(input, kafka),
    finishUnfinishedRuns: (input) => finishUnfinishedRuns(input, { ...kafka, msk, connectors }),
    undoChanges: (input) => undoChanges(input, { kafka, msk, privateAccess, connectors }),
    checkPrincipal: (input) => checkPrincipal(input, { kafka, mskKafka: msk.kafka, policy }),
    revokeAcls: (input) => revokeAcls(input, kafka),
    removeCredentials: (input) => removeCredentials(input, { kafka, msk }),
    deleteTopics: (input) => deleteTopics(input, kafka),
  };
}
