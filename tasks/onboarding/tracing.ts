import { Tracer } from '../shared/observability/tracer';

/**
 * The tracer of an onboarding/offboarding task container (the functions run with X-Ray active tracing): its
 * handler subsegments, and the calls of the AWS clients the tasks create, each captured where it is made.
 */
export const tracer = new Tracer({ serviceName: 'msk-flows-onboarding' });
