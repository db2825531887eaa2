import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../onboarding/cluster/clients';
import type { PlatformPolicy } from '../onboarding/guardRails/defaults';
import { enforceNotReservedPrincipal } from '../onboarding/guardRails/enforceGuardRails';
import { processPlatformPolicy } from '../onboarding/guardRails/processPolicy';
import { type KafkaTaskDeps, kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { OnboardingRequest } from '../onboarding/request';

export interface CheckPrincipalInput {
  request: OnboardingRequest;
}

/** Nothing but the verdict: the principal may be offboarded. */
export interface CheckPrincipalOutput {
  reserved: false;
}

export interface CheckPrincipalDeps {
  kafka: Pick<KafkaTaskDeps, 'connect'>;
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
  await enforceNotReservedPrincipal(input.request, { connect: deps.kafka.connect, policy: deps.policy });
  return { reserved: false };
}

export const handler = middy(async (event: CheckPrincipalInput) =>
  checkPrincipal(event, { kafka: kafkaTaskDeps, policy: processPlatformPolicy() }),
).use(injectLambdaContext(logger));
