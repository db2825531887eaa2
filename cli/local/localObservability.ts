import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { EmfOutput } from '@aws-lambda-powertools/metrics/types';
import type { ReplayObservability } from '../../tasks/replay/clients';

// No Powertools Tracer here: importing it loads the X-Ray SDK, whose async hooks make every promise of the
// process several times slower (the replay handlers have no tracer); localTaskObservability.ts has it.

const ignore = (): void => undefined;
/** Metrics' own warnings ("No application metrics to publish" after every task without buffered metrics). */
const quiet = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/**
 * EMF metrics kept in memory instead of printed: what the task handlers' middlewares get in local runs, so
 * a run's stdout carries no EMF documents (CloudWatch reads them on Lambda; nothing does here). Single
 * metrics (ColdStart, ChangesMade) land in the same list, which tests read.
 */
export class CollectedMetrics extends Metrics {
  readonly published: EmfOutput[];

  constructor(published: EmfOutput[] = [], singleMetric = false) {
    super({ namespace: 'MskFlows', serviceName: 'msk-flows-local', logger: quiet, singleMetric });
    this.published = published;
  }

  /** A single metric publishing into the same list. */
  override singleMetric(): CollectedMetrics {
    return new CollectedMetrics(this.published, true);
  }

  /** Keeps the buffered metrics as one EMF document (none when empty) and clears the buffer, printing nothing. */
  override publishStoredMetrics(): this {
    if (this.hasStoredMetrics()) this.published.push(this.serializeMetrics());
    this.clearMetrics();
    this.clearDimensions();
    this.clearMetadata();
    return this;
  }
}

/** The replay handlers' logger (context only; the cores log through their deps) and metrics in local runs. */
export function localReplayObservability(): ReplayObservability & { metrics: CollectedMetrics } {
  return {
    logger: new Logger({ serviceName: 'dlq-replay-local', logLevel: 'SILENT' }),
    metrics: new CollectedMetrics(),
  };
}
