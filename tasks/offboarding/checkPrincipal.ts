import type { KafkaClient } from '@aws-sdk/client-kafka';
import { kafkaClient } from '../onboarding/cluster/clients';
import type { PlatformPolicy } from '../onboarding/guardRails/defaults';
import { enforceNotReservedPrincipal } from '../onboarding/guardRails/enforceGuardRails';
import { processPlatformPolicy } from '../onboarding/guardRails/processPolicy';
import { superUsersSource } from '../onboarding/guardRails/superUsers';
import { type KafkaTaskDeps, kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { OnboardingRequest } from '../onboarding/request';
import { taskHandlerFactory } from '../onboarding/taskHandler';

export interface CheckPrincipalInput {
  request: OnboardingRequest;
}

/** Nothing but the verdict: the principal may be offboarded. */
export interface CheckPrincipalOutput {
  reserved: false;
}

export interface CheckPrincipalDeps {
  kafka: Pick<KafkaTaskDeps, 'connect' | 'connection'>;
  /** The MSK control plane, where an MSK cluster's configuration (super.users) is read. */
  mskKafka?: KafkaClient;
  policy: PlatformPolicy;
}

/**
 * Check Principal Is Not Reserved: before offboarding touches anything, refuses the platform admin, a
 * broker super user and the policy's reserved principals (PlatformPolicyViolationError naming why).
 */
export async function checkPrincipal(
  input: CheckPrincipalInput,
  deps: CheckPrincipalDeps,
): Promise<CheckPrincipalOutput> {
  const superUsers = superUsersSource({ local: deps.kafka.connection.local, mskKafka: deps.mskKafka });
  await enforceNotReservedPrincipal(input.request, {
    connect: deps.kafka.connect,
    policy: deps.policy,
    superUsers,
  });
  return { reserved: false };
}

/**
 * Builds the handler of "Check Principal Is Not Reserved" over the deps given; without a policy (Lambda), the
 * container's, parsed on first use: a malformed one fails the invocation, not the import.
 */
export const createCheckPrincipalHandler = taskHandlerFactory(
  (input: CheckPrincipalInput, deps: Omit<CheckPrincipalDeps, 'policy'> & { policy?: PlatformPolicy }) =>
    checkPrincipal(input, { ...deps, policy: deps.policy ?? processPlatformPolicy() }),
);

/** Lambda entry point of "Check Principal Is Not Reserved". */
export const handler = createCheckPrincipalHandler({ kafka: kafkaTaskDeps, mskKafka: kafkaClient });
