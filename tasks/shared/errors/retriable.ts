/**
 * Whether an error is worth retrying is a property of its class: `static readonly retriable = true` on the
 * class (inherited by subclasses unless they say otherwise). The state machines' Retry lists are derived
 * from it (workflows/shared/retriableErrors.ts); everything else is caught, never retried.
 */

/** An error class as the workflow sees it: its name (= the thrown error's `name`) and whether to retry it. */
export interface ErrorClass {
  readonly name: string;
  readonly retriable?: boolean;
}

/** The names of the retriable classes among `classes`: exactly what a state's Retry lists. */
export function retriableNamesOf(classes: readonly ErrorClass[]): string[] {
  return [...new Set(classes.filter((c) => c.retriable === true).map((c) => c.name))];
}

/** Whether a thrown error's class says retrying may succeed (`static readonly retriable = true`, inherited). */
export function isRetriable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error.constructor as { retriable?: unknown }).retriable === true;
}
