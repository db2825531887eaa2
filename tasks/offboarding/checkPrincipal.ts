import type { KafkaClient } from '@aws-sdk/client-kafka';
import middy from '@middy/core';
import { kafkaClient } from '../onboarding/cluster/clients';
import type { PlatformPolicy } from '../onboarding/guardRails/defaults';
import { enforceNotReservedPrincipal } from '../onboarding/guardRails/enforceGuardRails';
import { processPlatformPolicy } from '../onboarding/guardRails/processPolicy';
import { superUsersSource } from '../onboarding/guardRails/superUsers';
import { type KafkaTaskDeps, kafkaTaskDeps } from '../onboarding/kafka/clients';
import { taskObservability } from '../onboarding/observability';
import type { OnboardingRequest } from '../onboarding/request';

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

export const handler = middy(async (event: CheckPrincipalInput) =>
  checkPrincipal(event, { kafka: kafkaTaskDeps, mskKafka: kafkaClient, policy: processPlatformPolicy() }),
).use(taskObservability());
