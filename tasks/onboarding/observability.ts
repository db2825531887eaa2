import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { captureLambdaHandler } from '../shared/observability/captureLambdaHandler';
import type { Tracer } from '../shared/observability/tracer';
import { logger } from './cluster/clients';
import type { Change } from './contracts';
import { tracer } from './tracing';

const serviceName = 'msk-flows-onboarding';

/** The metric each change a task made adds one to, with dimensions `kind` and `action`. */
export const CHANGES_MADE_METRIC = 'ChangesMade';

/** The container's metrics (EMF; namespace `POWERTOOLS_METRICS_NAMESPACE`, default `MskFlows`, as ingest's). */
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows',
});

export { tracer } from './tracing';

const changesOf = (value: unknown): Change[] | undefined => {
  const changes = (value as { changes?: unknown } | null | undefined)?.changes;
  return Array.isArray(changes) ? (changes as Change[]) : undefined;
};

/**
 * The changes a task made: what its output journal holds beyond the journal it was given, without the
 * `none`s. A task given no journal (Validate, Plan Changes: a plan is not a change) made none.
 */
export function changesMade(event: unknown, response: unknown): Change[] {
  const before = changesOf((event as { journal?: unknown } | null | undefined)?.journal);
  const after = changesOf(response);
  if (!before || !after || after.length < before.length) return [];
  return after.slice(before.length).filter((change) => change.action !== 'none');
}

/** Adds the changes a task made to `ChangesMade`, one EMF entry per kind and action. */
export function countChanges(target: Metrics): MiddlewareObj {
  return {
    after: async (request) => {
      const counts = new Map<string, { kind: string; action: string; n: number }>();
      for (const { kind, action } of changesMade(request.event, request.response)) {
        const key = `${kind}/${action}`;
        const count = counts.get(key) ?? { kind, action, n: 0 };
        count.n += 1;
        counts.set(key, count);
      }
      for (const { kind, action, n } of counts.values()) {
        const single = target.singleMetric();
        single.addDimension('kind', kind);
        single.addDimension('action', action);
        single.addMetric(CHANGES_MADE_METRIC, MetricUnit.Count, n);
      }
    },
  };
}

/** Where a task handler's metrics and traces go: the container's on Lambda, a local run's own in-process. */
export interface ObservabilityTarget {
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * The middlewares of every onboarding/offboarding task handler: the tracer's handler segment (cold start,
 * errors), the logger's Lambda context, the metrics flushed after each invocation and the changes counted.
 */
export function taskObservability(target: ObservabilityTarget = { metrics, tracer }): MiddlewareObj[] {
  return [
    captureLambdaHandler(target.tracer),
    injectLambdaContext(logger),
    logMetrics(target.metrics, { captureColdStartMetric: true }),
    countChanges(target.metrics),
  ];
}
