import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { ClusterLockConfigError, ClusterLockTimeoutError } from './errors';
import { tryAcquireLock } from './lockTable';
import { nextPoll } from './polling';
import type { PrivateAccessDeps } from './types';

export interface AcquireClusterLockInput {
  request: { cluster: ClusterRef };
  journal: Journal;
  /** `$.lock` of the previous attempt (absent on the first). */
  lock?: { attempt?: number };
  /** `$$.Execution.Name`: the lock's owner. */
  executionName: string;
}

/** Goes to `$.lock`: the Choice reads `acquired`, the Wait `waitSeconds`; `journal` is copied to `$.journal` once acquired. */
export interface AcquireClusterLockOutput {
  acquired: boolean;
  attempt: number;
  waitSeconds: number;
  holder?: string;
  journal: Journal;
}

/** Checks before giving up: 10, 20, 40 … 300 s, about 1.5 hours in all. */
export const MAX_LOCK_CHECKS = 24;

/**
 * Acquire Cluster Lock: one attempt at the per-cluster lock that serializes cluster-level changes
 * (connectivity, cluster policy) between executions. Held by another: report the wait, or give up.
 */
export async function acquireClusterLock(
  input: AcquireClusterLockInput,
  deps: Pick<PrivateAccessDeps, 'dynamodb' | 'lockTable' | 'logger' | 'now'>,
): Promise<AcquireClusterLockOutput> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  if (!deps.lockTable) throw new ClusterLockConfigError(clusterArn);
  const poll = nextPoll(input.lock, 10, 300);
  const owner = input.executionName;
  const attempt = await tryAcquireLock(deps.dynamodb, deps.lockTable, clusterArn, owner, deps.now());
  if (!attempt.acquired) {
    if (poll.attempt >= MAX_LOCK_CHECKS)
      throw new ClusterLockTimeoutError(clusterArn, attempt.holder, poll.attempt);
    deps.logger.info('cluster lock held by another execution', {
      clusterArn,
      holder: attempt.holder,
      ...poll,
    });
    return { acquired: false, ...poll, holder: attempt.holder, journal: input.journal };
  }
  const held = input.journal.ledger.some(
    (e) => e.kind === 'cluster-lock' && e.clusterArn === clusterArn && e.owner === owner,
  );
  const journal: Journal = held
    ? input.journal
    : { ...input.journal, ledger: [...input.journal.ledger, { kind: 'cluster-lock', clusterArn, owner }] };
  return { acquired: true, attempt: poll.attempt, waitSeconds: 0, journal };
}

/** Builds the handler of the "Acquire Cluster Lock" state over the deps given (local runs pass their own). */
export const createAcquireClusterLockHandler = taskHandlerFactory(acquireClusterLock);

/** Lambda entry point of the "Acquire Cluster Lock" state. */
export const handler = createAcquireClusterLockHandler(privateAccessDeps);
