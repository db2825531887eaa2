import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ReplayDeps } from './deps';
import { type HeldLock, releaseLock } from './lock/replayLock';
import { replayLockDeps, replayLockLogger } from './lockClients';

export interface ReleaseReplayLockInput {
  lock: Pick<HeldLock, 'bucket' | 'key' | 'etag'>;
}

export interface ReleaseReplayLockOutput {
  /** False when the lock was no longer ours (it expired and another run took it) or already gone. */
  released: boolean;
}

/** Core of "Release Replay Lock": deletes the lock only if it is still the version this run wrote. */
export async function releaseReplayLock(
  input: ReleaseReplayLockInput,
  deps: Pick<ReplayDeps, 's3'>,
): Promise<ReleaseReplayLockOutput> {
  return { released: await releaseLock(deps.s3, input.lock) };
}

/** Builds the handler of "Release Replay Lock" over the deps `deps()` gives (local runs pass their own). */
export const createReleaseReplayLockHandler = (deps: () => Pick<ReplayDeps, 's3'>, logger: Logger) =>
  middy(async (event: ReleaseReplayLockInput) => releaseReplayLock(event, deps())).use(
    injectLambdaContext(logger),
  );

// Lock deps only (S3): this function never talks to Kafka, so its bundle carries no Kafka client.
/** Lambda entry point of "Release Replay Lock" (the environment read on each invocation). */
export const handler = createReleaseReplayLockHandler(() => replayLockDeps(), replayLockLogger());
