import { connectorDeps } from '../onboarding/connectors/clients';
import type { ConnectorUndoDeps } from '../onboarding/connectors/undoRunConnectors';
import type { Journal } from '../onboarding/contracts';
import { mskCredentialsDeps } from '../onboarding/credentials/msk/clients';
import { CompensationIncompleteError } from '../onboarding/errors';
import { appendToJournal } from '../onboarding/journal';
import { type KafkaTaskDeps, kafkaTaskDeps } from '../onboarding/kafka/clients';
import { finishRuns, unfinishedRuns } from '../onboarding/registry/finishRuns';
import { awsSideUndoOf, type ReconcileAwsDeps } from '../onboarding/registry/reconcile';
import { withAdminAndRegistry } from '../onboarding/registry/session';
import { taskHandlerFactory } from '../onboarding/taskHandler';
import type { OffboardingRequest } from './ownership';

export interface FinishUnfinishedRunsInput {
  request: OffboardingRequest;
  journal: Journal;
}

/**
 * Offboarding's Finish Unfinished Runs: onboarding runs of this principal that crashed or whose undo was
 * incomplete still hold things in the ownership registry (Kafka-side, and MSK secrets and associations);
 * they are undone here, from the registry, before
 * the principal's own access is removed. Leftovers fail the offboarding with CompensationIncompleteError.
 */
export async function finishUnfinishedRuns(
  input: FinishUnfinishedRunsInput,
  deps: Pick<KafkaTaskDeps, 'connect' | 'secrets' | 'logger'> &
    ReconcileAwsDeps & { connectors?: ConnectorUndoDeps },
): Promise<Journal> {
  const { request, journal } = input;
  const connection = await deps.connect(request.cluster);
  const outcome = await withAdminAndRegistry(connection, 'finishUnfinishedRuns', async (admin, registry) => {
    const runs = unfinishedRuns(await registry.view(), { principal: request.principal, except: journal.run });
    return finishRuns(admin, registry, deps.secrets, runs, awsSideUndoOf(deps), deps.connectors);
  });
  if (outcome.leftovers.length > 0) throw new CompensationIncompleteError(outcome.leftovers);
  deps.logger.info('unfinished runs finished', { runs: outcome.finished, changes: outcome.changes });
  return appendToJournal(
    journal,
    outcome.changes.map((c) => ({
      ...c,
      detail: `left by an unfinished run${c.detail ? `; ${c.detail}` : ''}`,
    })),
  );
}

/** Builds the handler of offboarding's "Finish Unfinished Runs" state over the deps given (local runs pass their own). */
export const createFinishUnfinishedRunsHandler = taskHandlerFactory(finishUnfinishedRuns);

/** Lambda entry point of offboarding's "Finish Unfinished Runs" state. */
export const handler = createFinishUnfinishedRunsHandler({
  ...kafkaTaskDeps,
  msk: mskCredentialsDeps,
  connectors: connectorDeps,
});
