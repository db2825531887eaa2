import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { type ReplayObservability, replayDeps, replayObservability } from './clients';
import type { ReplayDeps } from './deps';
import { approximateDepth, changeVisibility } from './queue';
import type { ReplayRequest } from './request/schema';
import { type Collected, collectMessages, expectedRecords } from './round/collect';
import { countDeadLetters, type SurveyCounts } from './survey';

/** The validated request (only dry runs come here). */
export interface SurveyQueueInput {
  request: ReplayRequest;
}

/** The dry run's summary: what a replay would take, nothing changed. */
export interface SurveyQueueOutput {
  status: 'SUCCEEDED';
  dryRun: true;
  replayId: string;
  received: number;
  replayed: 0;
  parked: 0;
  skipped: number;
  remaining: number;
  oldestFailedAt?: string;
  counts: SurveyCounts;
}

/** A dry run reads for at most this long, whatever maxSeconds says (one Lambda invocation). */
const SURVEY_SECONDS = 240;

/**
 * Core of "Survey Queue" (dry run): receives up to `maxMessages` dead letters, counts them by kind, topic,
 * error name and age and finds the oldest, then makes every one of them visible again at once (also when
 * counting fails). It deletes, parks and delivers nothing.
 */
export async function surveyQueue(input: SurveyQueueInput, deps: ReplayDeps): Promise<SurveyQueueOutput> {
  const now = deps.now ?? Date.now;
  const { request } = input;
  const queueUrl = request.source.queueUrl;
  const until = now() + Math.min(request.maxSeconds, SURVEY_SECONDS) * 1000;
  const collected: Collected[] = [];
  try {
    await collectMessages(
      deps.sqs,
      queueUrl,
      {
        maxMessages: request.maxMessages,
        maxRecords: Number.POSITIVE_INFINITY,
        maxBytes: Number.POSITIVE_INFINITY,
        // Hidden while counting, so no message is counted twice; released below.
        visibilitySeconds: SURVEY_SECONDS + 60,
        keepGoing: () => now() < until,
      },
      collected,
    );
  } finally {
    await changeVisibility(
      deps.sqs,
      queueUrl,
      collected.map((c) => c.message),
      0,
    );
  }
  const counts = countDeadLetters(
    collected.map((c) => ({ facts: c.facts, records: expectedRecords(c.decoded) })),
    request.filter,
    now(),
  );
  if (counts.oldest) {
    deps.metrics.addMetric(
      'OldestDeadLetterAge',
      MetricUnit.Seconds,
      (now() - Date.parse(counts.oldest.failedAt)) / 1000,
    );
  }
  return {
    status: 'SUCCEEDED',
    dryRun: true,
    replayId: request.replayId,
    received: collected.length,
    replayed: 0,
    parked: 0,
    skipped: counts.filteredOut,
    remaining: await approximateDepth(deps.sqs, queueUrl),
    ...(counts.oldest ? { oldestFailedAt: counts.oldest.failedAt } : {}),
    counts,
  };
}

/** Builds the handler of "Survey Queue" over the deps `deps()` gives (local runs pass their own). */
export const createSurveyQueueHandler = (deps: () => ReplayDeps, observability: ReplayObservability) =>
  middy(async (event: SurveyQueueInput) => surveyQueue(event, deps()))
    .use(injectLambdaContext(observability.logger))
    .use(logMetrics(observability.metrics));

const observability = replayObservability('dlq-replay-survey');

/** Lambda entry point of "Survey Queue". */
export const handler = createSurveyQueueHandler(() => replayDeps(observability), observability);
