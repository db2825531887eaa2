import type { Change } from '../onboarding/contracts';
import { kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { KafkaStepDeps } from '../onboarding/kafka/types';
import { runContextOf } from '../onboarding/registry/runContext';
import { withAdminAndRegistry } from '../onboarding/registry/session';
import { taskHandlerFactory } from '../onboarding/taskHandler';
import { assertOffboardable, type OffboardingRequest, offboardingTargets } from './ownership';

export interface PlanOffboardingInput {
  request: OffboardingRequest;
}

/** What offboarding will delete on the cluster (all of it owned by the principal). */
export interface PlanOffboardingOutput {
  changes: Change[];
}

/**
 * Offboarding's Plan Changes: reads what of the request exists and the ownership registry, and refuses
 * (ForeignResourceError) before anything is removed when any of it is foreign or another principal's.
 */
export async function planOffboarding(
  input: PlanOffboardingInput,
  deps: KafkaStepDeps,
): Promise<PlanOffboardingOutput> {
  const { request } = input;
  const ctx = runContextOf(request);
  const connection = await deps.connect(request.cluster);
  const targets = await withAdminAndRegistry(connection, 'planOffboarding', async (admin, registry) => {
    const [view, found] = await Promise.all([registry.view(), offboardingTargets(admin, request)]);
    assertOffboardable(found, view, ctx);
    return found;
  });
  return {
    changes: [
      ...targets.acls.map((id): Change => ({ kind: 'acl', id, action: 'delete' })),
      ...(targets.scramUser
        ? [{ kind: 'scram-user', id: request.principal, action: 'delete' } as Change]
        : []),
      ...targets.topics.map((id): Change => ({ kind: 'topic', id, action: 'delete' })),
    ],
  };
}

/** Builds the handler of offboarding's "Plan Changes" state over the deps given (local runs pass their own). */
export const createPlanOffboardingHandler = taskHandlerFactory(planOffboarding);

/** Lambda entry point of offboarding's "Plan Changes" state. */
export const handler = createPlanOffboardingHandler(kafkaTaskDeps);
