/**
 * Whether an error is worth retrying is a property of its class: `static readonly retriable = true` on the
 * class (inherited by subclasses unless they say otherwise). The state machines' Retry lists are derived
 * from it (workflows/shared/retriableErrors.ts); everything else is caught, never retried.
 */

/** Whether a thrown error's class says retrying may succeed (`static readonly retriable = true`, inherited). */
export function isRetriable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error.constructor as { retriable?: unknown }).retriable === true;
}
