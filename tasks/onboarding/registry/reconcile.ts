import { kafkaClient, logger } from '../cluster/clients';
import type { ConnectorUndoDeps } from '../connectors/undoRunConnectors';
import type { ClusterRef } from '../contracts';
import { secretsManagerClient } from '../credentials/msk/secretsManagerClient';
import type { MskCredentialsDeps } from '../credentials/msk/types';
import { mskCredentialUndo } from '../credentials/msk/undoMskCredentials';
import type { KafkaTaskDeps } from '../kafka/clients';
import { privateAccessDeps } from '../privateAccess/clients';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { sharedAccessUndo } from '../privateAccess/undoSharedAccess';
import { triggerUndo } from '../triggers/undoRecordedTriggers';
import { combinedAwsSideUndo } from './combinedUndo';
import {
  type FinishRunsOutcome,
  finishRuns,
  type RunFilter,
  type UnfinishedRun,
  unfinishedRuns,
} from './finishRuns';
import { withAdminAndRegistry } from './session';
import type { AwsSideUndo } from './undoAwsSide';

/** The AWS clients reconcile undoes AWS-side things with (default this process's). */
export interface ReconcileAwsDeps {
  msk?: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger'>;
  /** Event source mappings (in this account or a consumer account's, through its role). */
  privateAccess?: PrivateAccessDeps;
}

/**
 * The AWS side of finishing runs: event source mappings (they read as the principal, so they go before
 * its credentials), the principal's uses of shared private access (VPC connection, policy statement,
 * connectivity), then MSK secrets and associations; with `deps`' clients or this process's.
 */
export function awsSideUndoOf(deps: ReconcileAwsDeps): AwsSideUndo {
  return combinedAwsSideUndo(
    triggerUndo(deps.privateAccess ?? privateAccessDeps),
    sharedAccessUndo(deps.privateAccess ?? privateAccessDeps),
    mskCredentialUndo(deps.msk ?? { kafka: kafkaClient, secretsManager: secretsManagerClient, logger }),
  );
}

/** What `msk-flows reconcile` found and did. */
export interface ReconcileReport extends FinishRunsOutcome {
  /** The unfinished runs found (all of them with `dryRun`). */
  runs: UnfinishedRun[];
}

/**
 * Reconcile: finishes, from the ownership registry alone, the compensation of runs that crashed or whose
 * undo could not finish (a `run` record still `intent`): every thing such a run holds is checked against
 * the cluster and removed, then the run is closed. `dryRun` only lists them. Never run it for a request
 * whose onboarding is still in progress: its run looks unfinished too.
 */
export async function reconcile(
  cluster: ClusterRef,
  filter: RunFilter & { dryRun?: boolean },
  deps: Pick<KafkaTaskDeps, 'connect' | 'secrets'> & ReconcileAwsDeps & { connectors?: ConnectorUndoDeps },
): Promise<ReconcileReport> {
  const connection = await deps.connect(cluster);
  return withAdminAndRegistry(connection, 'reconcile', async (admin, registry) => {
    const runs = unfinishedRuns(await registry.view(), filter);
    if (filter.dryRun) return { runs, finished: [], changes: [], leftovers: [] };
    return {
      runs,
      ...(await finishRuns(admin, registry, deps.secrets, runs, awsSideUndoOf(deps), deps.connectors)),
    };
  });
}
