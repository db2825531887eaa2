import type { ObservabilityTarget } from '../../tasks/onboarding/observability';
import { Tracer } from '../../tasks/shared/observability/tracer';
import { CollectedMetrics } from './localObservability';

/**
 * The observability target of the onboarding/offboarding handlers in local runs: metrics collected in
 * memory and a disabled tracer (there is no X-Ray daemon; Powertools also disables tracing outside Lambda,
 * this says so explicitly whatever the environment).
 */
export function localTaskObservability(): ObservabilityTarget & { metrics: CollectedMetrics } {
  return {
    metrics: new CollectedMetrics(),
    tracer: new Tracer({ serviceName: 'msk-flows-local', enabled: false }),
  };
}
