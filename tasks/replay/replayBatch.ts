import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { type ReplayObservability, replayDeps, replayObservability } from './clients';
import type { ReplayDeps } from './deps';
import type { ReplayProgress } from './progress';
import type { ReplayRequest } from './request/schema';
import { runRound } from './round/runRound';

export interface ReplayBatchInput {
  request: ReplayRequest;
  progress: ReplayProgress;
}

/** The progress after this round: counters, and whether to stop or how long to wait. */
export type ReplayBatchOutput = ReplayProgress;

/**
 * Core of "Replay Batch": one round of the replay (see round/runRound.ts). Retriable failures
 * (ReplayServiceUnavailableError, KafkaConnectionError, KafkaRetriableError) leave every unacknowledged
 * message visible again, so the state machine's retry simply runs the round again.
 */
export async function replayBatch(input: ReplayBatchInput, deps: ReplayDeps): Promise<ReplayBatchOutput> {
  return runRound(input.request, input.progress, deps);
}

/** Builds the handler of "Replay Batch" over the deps `deps()` gives (local runs pass their own). */
export const createReplayBatchHandler = (deps: () => ReplayDeps, observability: ReplayObservability) =>
  middy(async (event: ReplayBatchInput) => replayBatch(event, deps()))
    .use(injectLambdaContext(observability.logger))
    .use(logMetrics(observability.metrics));

const observability = replayObservability('dlq-replay');

/** Lambda entry point of "Replay Batch": EMF metrics (replayed, parked, failed, oldest age) flushed per round. */
export const handler = createReplayBatchHandler(() => replayDeps(observability), observability);
