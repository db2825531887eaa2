import { planAcls } from './acl/planAcls';
import { connectorDeps } from './connectors/clients';
import { planConnectors } from './connectors/planConnectors';
import { registryViewSessionOver } from './connectors/registryViewSession';
import type { ConnectorDeps } from './connectors/types';
import type { Change } from './contracts';
import { mskCredentialClients } from './credentials/msk/awsClients';
import { planMskCredentials } from './credentials/msk/planMskCredentials';
import type { MskCredentialsDeps } from './credentials/msk/types';
import { planScramUser } from './credentials/selfManaged/planScramUser';
import type { PlatformPolicy } from './guardRails/defaults';
import { enforceOnboardingGuardRails } from './guardRails/enforceGuardRails';
import type { OwnershipView } from './guardRails/ownership';
import { processPlatformPolicy } from './guardRails/processPolicy';
import { superUsersSource } from './guardRails/superUsers';
import { type KafkaTaskDeps, kafkaTaskDeps } from './kafka/clients';
import { privateAccessDeps } from './privateAccess/clients';
import { planPrivateAccess } from './privateAccess/planPrivateAccess';
import type { PrivateAccessDeps } from './privateAccess/types';
import type { OnboardingRequest } from './request';
import { taskHandlerFactory } from './taskHandler';
import { planTopics } from './topics/planTopics';
import { planTriggers } from './triggers/planTriggers';

export interface PlanChangesInput {
  request: OnboardingRequest;
}

/** Every change the run would make, in the order it would make them; `action: 'none'` for what is already so. */
export interface PlanChangesOutput {
  changes: Change[];
}

export interface PlanChangesDeps {
  kafka: KafkaTaskDeps;
  msk: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'kmsKeyArn'>;
  /** Private access (with its preflight) and triggers; default this container's. */
  privateAccess?: PrivateAccessDeps;
  /** Kafka Connect and MSK Connect (with MSK Connect's preflight); default this container's. */
  connectors?: ConnectorDeps;
  /** The platform policy; default this container's (`MSK_FLOWS_PLATFORM_POLICY` over the defaults). */
  policy?: PlatformPolicy;
  /** Who owns which topic and group, for prefixed grants; default: derived from the cluster's ACLs. */
  ownership?: OwnershipView;
}

/**
 * Plan Changes: asks each step's planner (the same code the step runs, read-only) what it would do.
 * A dry run stops here; a real run records this plan beside what it then actually did.
 */
export async function planChanges(
  input: PlanChangesInput,
  deps: PlanChangesDeps,
): Promise<PlanChangesOutput> {
  const { request } = input;
  // The guard rails first: a request the platform refuses is reported before any planner looks further.
  const policy = deps.policy ?? processPlatformPolicy();
  await enforceOnboardingGuardRails(request, {
    connect: deps.kafka.connect,
    policy,
    ownership: deps.ownership,
    superUsers: superUsersSource({ local: deps.kafka.connection.local, mskKafka: deps.msk.kafka }),
  });
  const credentials =
    request.cluster.kind === 'msk'
      ? planMskCredentials(request, deps.msk)
      : planScramUser(request, deps.kafka);
  const [credentialChanges, topicChanges, aclChanges] = await Promise.all([
    credentials,
    planTopics(request, deps.kafka),
    planAcls(request, deps.kafka),
  ]);
  // Private access runs its preflight here: a cluster or network it cannot work with fails before any change.
  const privateAccess = deps.privateAccess ?? privateAccessDeps;
  const accessChanges = await planPrivateAccess(request, { privateAccess, kafka: deps.kafka });
  const triggerChanges = await planTriggers(request, privateAccess);
  const connectors = deps.connectors ?? connectorDeps;
  const connectorChanges = await planConnectors(request, {
    ...connectors,
    registrySession: connectors.registrySession ?? registryViewSessionOver(deps.kafka.connect),
  });
  return {
    changes: [
      ...credentialChanges,
      ...topicChanges,
      ...aclChanges,
      ...accessChanges,
      ...triggerChanges,
      ...connectorChanges,
    ],
  };
}

/** Builds the handler of the "Plan Changes" state over the deps given (local runs pass their own). */
export const createPlanChangesHandler = taskHandlerFactory(planChanges);

/** Lambda entry point of the "Plan Changes" state. */
export const handler = createPlanChangesHandler({ kafka: kafkaTaskDeps, msk: mskCredentialClients });
