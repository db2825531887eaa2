import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { ClusterLockConfigError } from './errors';
import { releaseLock } from './lockTable';
import type { PrivateAccessDeps } from './types';

export interface ReleaseClusterLockInput {
  request: { cluster: ClusterRef };
  journal: Journal;
  executionName: string;
}

/**
 * Release Cluster Lock: frees the lock this execution holds once its cluster-level changes are written,
 * and drops the lock from the ledger (a released lock needs no compensation).
 */
export async function releaseClusterLock(
  input: ReleaseClusterLockInput,
  deps: Pick<PrivateAccessDeps, 'dynamodb' | 'lockTable' | 'logger'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  if (!deps.lockTable) throw new ClusterLockConfigError(clusterArn);
  const released = await releaseLock(deps.dynamodb, deps.lockTable, clusterArn, input.executionName);
  deps.logger.info('cluster lock released', { clusterArn, released });
  const ledger = input.journal.ledger.filter(
    (e) => !(e.kind === 'cluster-lock' && e.clusterArn === clusterArn && e.owner === input.executionName),
  );
  return { ...input.journal, ledger };
}

/** Builds the handler of the "Release Cluster Lock" state over the deps given (local runs pass their own). */
export const createReleaseClusterLockHandler = taskHandlerFactory(releaseClusterLock);

/** Lambda entry point of the "Release Cluster Lock" state. */
export const handler = createReleaseClusterLockHandler(privateAccessDeps);
