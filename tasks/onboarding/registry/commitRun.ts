import type { Journal } from '../contracts';
import { kafkaTaskDeps } from '../kafka/clients';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { taskHandlerFactory } from '../taskHandler';
import { ticketOf } from './registry';
import { runIdentity } from './runContext';
import { withAdminAndRegistry } from './session';

export interface CommitRunInput {
  request: Pick<OnboardingRequest, 'cluster' | 'principal' | 'requestId'>;
  journal: Journal;
}

/**
 * Commit Run: the run succeeded, so its run record becomes `owned`: what it created is the principal's
 * for good, and no reconcile or later run of the request will undo it. A run that changed nothing on
 * the cluster has no run record and nothing to commit.
 */
export async function commitRun(input: CommitRunInput, deps: KafkaStepDeps): Promise<Journal> {
  const { request, journal } = input;
  const run = journal.run ?? request.requestId;
  const connection = await deps.connect(request.cluster);
  await withAdminAndRegistry(connection, 'commitRun', async (_, registry) => {
    const ticket = ticketOf(await registry.view(), runIdentity(run));
    if (ticket) await registry.settle([{ ticket, state: 'owned', note: 'committed' }]);
  });
  return journal;
}

/** Builds the handler of the "Commit Run" state over the deps given (local runs pass their own). */
export const createCommitRunHandler = taskHandlerFactory(commitRun);

/** Lambda entry point of the "Commit Run" state. */
export const handler = createCommitRunHandler(kafkaTaskDeps);
