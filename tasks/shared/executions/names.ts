import { executionNameFor } from '../../onboarding/request/names';

/**
 * Runs of one request are numbered: run 1 is named after the `requestId` itself (what the API and the
 * CLI always did), run n ≥ 2 is `<requestId>-r<n>` (the requestId shortened so the name stays within 80
 * characters). A requestId of its own may look like another's rerun (`orders-r2`): callers tell them
 * apart by the execution's input, never by the name alone.
 */
export const MAX_RUNS = 100;

/** The execution name of run `run` (1-based) of `requestId`. */
export function executionNameForRun(requestId: string, run: number): string {
  if (!Number.isInteger(run) || run < 1 || run > MAX_RUNS)
    throw new RangeError(`run must be 1–${MAX_RUNS}, got ${run}`);
  return run === 1 ? executionNameFor(requestId) : executionNameFor(requestId, `r${run}`);
}

/** The ARN Step Functions gives an execution of `stateMachineArn` named `name`. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
