import { retriableOnboardingErrors } from '../../tasks/onboarding/errors';
import { RETRIABLE_KAFKA_ERROR_NAMES } from '../../tasks/shared/kafka/errors';

/**
 * Error names the onboarding state machines retry with backoff. Each is a typed error a task throws for
 * a condition that goes away by itself (throttling, a leader election, MSK not yet seeing a new secret).
 * Everything else is caught and compensated, never retried: a retried bug only fails slower.
 */
export const KAFKA_RETRIABLE_ERRORS: readonly string[] = RETRIABLE_KAFKA_ERROR_NAMES;

/** MSK / Secrets Manager throttling and eventual-consistency errors. */
export const AWS_RETRIABLE_ERRORS: readonly string[] = retriableOnboardingErrors;
