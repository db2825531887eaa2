import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ReplayDeps } from './deps';
import { acquireLock, type HeldLock, type RefusedLock } from './lock/replayLock';
import { replayLockDeps, replayLockLogger } from './lockClients';
import type { ReplayRequest } from './request/schema';

export interface AcquireReplayLockInput {
  request: ReplayRequest;
  /** `$$.Execution.Name`: who holds the lock. */
  execution: string;
}

/** Held (with what release needs and when the run's clock starts) or refused (with the holder). */
export type AcquireReplayLockOutput = HeldLock | RefusedLock;

/** Core of "Acquire Replay Lock": one replay per source queue at a time (see lock/replayLock.ts). */
export async function acquireReplayLock(
  input: AcquireReplayLockInput,
  deps: Pick<ReplayDeps, 's3' | 'lockBucket' | 'now'>,
): Promise<AcquireReplayLockOutput> {
  const { request } = input;
  return acquireLock(
    deps.s3,
    deps.lockBucket,
    {
      queueUrl: request.source.queueUrl,
      replayId: request.replayId,
      execution: input.execution,
      maxSeconds: request.maxSeconds,
    },
    (deps.now ?? Date.now)(),
  );
}

/** Builds the handler of "Acquire Replay Lock" over the deps `deps()` gives (local runs pass their own). */
export const createAcquireReplayLockHandler = (
  deps: () => Pick<ReplayDeps, 's3' | 'lockBucket' | 'now'>,
  logger: Logger,
) =>
  middy(async (event: AcquireReplayLockInput) => acquireReplayLock(event, deps())).use(
    injectLambdaContext(logger),
  );

// Lock deps only (S3): this function never talks to Kafka, so its bundle carries no Kafka client.
/** Lambda entry point of "Acquire Replay Lock" (the environment read on each invocation). */
export const handler = createAcquireReplayLockHandler(() => replayLockDeps(), replayLockLogger());
