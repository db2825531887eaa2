import type { RunEvent } from '../runEvents';
import type { RunResult } from '../runLocally';
import type { ExecutionRecorder, FinishDetails } from './recorder';
import type { BeginExecution, ExecutionHistoryStore } from './store';

/** One local run being recorded (or not, without a store): see {@link recordRun}. */
export class RunRecording {
  private readonly startedAt = Date.now();

  constructor(private readonly recorder?: ExecutionRecorder) {}

  /** The recorded execution's id, when recording. */
  get id(): string | undefined {
    return this.recorder?.id;
  }

  /** An `onEvent` for `runLocally` that records each event, then calls `onEvent`. */
  tap(onEvent?: (event: RunEvent) => void): (event: RunEvent) => void {
    return (event) => {
      this.recorder?.onEvent(event);
      onEvent?.(event);
    };
  }

  /**
   * Awaits the run and records its end. A run that throws before it ends (a definition the engine
   * rejects) is recorded as FAILED with that error, and the error is rethrown.
   */
  async settle(run: Promise<RunResult>, details: (result: RunResult) => FinishDetails = () => ({})) {
    let result: RunResult;
    try {
      result = await run;
    } catch (error) {
      const { name, message } = error as Error;
      const durationMs = Date.now() - this.startedAt;
      this.recorder?.finish({ status: 'FAILED', error: { name, cause: message }, durationMs } as RunResult);
      throw error;
    }
    this.recorder?.finish(result, details(result));
    return result;
  }
}

/**
 * Starts recording a local run in `store` (nothing is recorded without one). Any local runner wraps
 * its `runLocally` call with it to make its executions appear in `msk-flows console`:
 * `recording.settle(runLocally({ …, onEvent: recording.tap(onEvent) }))`.
 */
export function recordRun(
  store: ExecutionHistoryStore | false | undefined,
  execution: BeginExecution,
): RunRecording {
  return new RunRecording(store ? store.begin(execution) : undefined);
}
