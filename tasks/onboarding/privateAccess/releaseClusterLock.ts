import middy from '@middy/core';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { taskObservability } from '../observability';
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

/** Lambda entry point of the "Release Cluster Lock" state. */
export const handler = middy(async (event: ReleaseClusterLockInput) =>
  releaseClusterLock(event, privateAccessDeps),
).use(taskObservability());
