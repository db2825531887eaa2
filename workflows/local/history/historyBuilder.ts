import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { AslStateType } from '../asl';
import type { RunEvent } from '../runEvents';
import type { RunResult } from '../runLocally';
import { redactJson, redactText } from './redact';
import type { RecordedHistoryEvent } from './types';

/** Step Functions keeps at most 256 KiB of a payload in the history; longer text is cut and marked truncated. */
export const MAX_PAYLOAD_CHARS = 256 * 1024;

// How the local engine invokes a Lambda-backed Task state, as the history names it.
const LAMBDA = { resourceType: 'lambda', resource: 'invoke' } as const;

const keyOf = (event: RunEvent) => `${event.execution}\u0000${event.state}`;

/** Redacted JSON text of a payload and whether it had to be cut. */
export function payloadText(value: unknown): { text: string; truncated: boolean } {
  const text = JSON.stringify(redactJson(value ?? null));
  return text.length > MAX_PAYLOAD_CHARS
    ? { text: text.slice(0, MAX_PAYLOAD_CHARS), truncated: true }
    : { text, truncated: false };
}

/**
 * Turns a local run's events into Step Functions history events: `<Type>StateEntered`/`Exited` for
 * every state; for a Task state `TaskScheduled`, `TaskStarted`, then `TaskSucceeded` or `TaskFailed`
 * (a retry is a `TaskFailed` followed by another `TaskScheduled`; a caught failure is a `TaskFailed`
 * followed by `TaskStateExited`); and the execution's start and end. Ids are sequential from 1.
 */
export class HistoryBuilder {
  private lastId = 0;
  /** Task states (per nested execution) whose last attempt failed. */
  private readonly failedTasks = new Set<string>();

  constructor(private readonly startedAtMs: number) {}

  /** `ExecutionStarted` with the (redacted) input. */
  started(input: unknown): RecordedHistoryEvent[] {
    const { text, truncated } = payloadText(input);
    return [
      this.event(0, 'ExecutionStarted', {
        executionStartedEventDetails: { input: text, inputDetails: { truncated } },
      }),
    ];
  }

  /** The history events of one state event of the run (none for events Step Functions does not record). */
  state(event: RunEvent): RecordedHistoryEvent[] {
    const name = event.state;
    const type = event.stateType;
    if (!name || !type) return [];
    switch (event.type) {
      case 'StateEntered': {
        const { text, truncated } = payloadText(event.input);
        const entered = this.event(event.at, `${type}StateEntered` as HistoryEventType, {
          stateEnteredEventDetails: { name, input: text, inputDetails: { truncated } },
        });
        return type === 'Task' ? [entered, ...this.scheduled(event.at, text)] : [entered];
      }
      case 'StateExited':
        return this.exited(event, name, type);
      case 'StateFailed':
        return this.failed(event, type);
      case 'StateRetried':
        this.failedTasks.delete(keyOf(event));
        return type === 'Task' ? this.scheduled(event.at) : [];
      default:
        return [];
    }
  }

  /** The execution's last event, from the run's result. */
  finished(result: Pick<RunResult, 'status' | 'output' | 'error' | 'durationMs'>): RecordedHistoryEvent[] {
    const at = result.durationMs;
    const error = { error: result.error?.name, cause: redactText(result.error?.cause ?? '') };
    switch (result.status) {
      case 'SUCCEEDED': {
        const { text, truncated } = payloadText(result.output);
        return [
          this.event(at, 'ExecutionSucceeded', {
            executionSucceededEventDetails: { output: text, outputDetails: { truncated } },
          }),
        ];
      }
      case 'FAILED':
        return [this.event(at, 'ExecutionFailed', { executionFailedEventDetails: error })];
      case 'TIMED_OUT':
        return [this.event(at, 'ExecutionTimedOut', { executionTimedOutEventDetails: error })];
      default:
        return [this.event(at, 'ExecutionAborted', { executionAbortedEventDetails: {} })];
    }
  }

  private scheduled(at: number, parameters = ''): RecordedHistoryEvent[] {
    return [
      this.event(at, 'TaskScheduled', {
        taskScheduledEventDetails: { ...LAMBDA, region: 'local', parameters },
      }),
      this.event(at, 'TaskStarted', { taskStartedEventDetails: { ...LAMBDA } }),
    ];
  }

  private exited(event: RunEvent, name: string, type: AslStateType): RecordedHistoryEvent[] {
    const { text, truncated } = payloadText(event.output);
    const exited = () =>
      this.event(event.at, `${type}StateExited` as HistoryEventType, {
        stateExitedEventDetails: { name, output: text, outputDetails: { truncated } },
      });
    // A Fail state never exits in Step Functions' history.
    if (type === 'Fail') return [];
    // A Task that exits after a TaskFailed was caught: its output is the Catch's, not the function's.
    if (type !== 'Task' || this.failedTasks.delete(keyOf(event))) return [exited()];
    const succeeded = this.event(event.at, 'TaskSucceeded', {
      taskSucceededEventDetails: { ...LAMBDA, output: text, outputDetails: { truncated } },
    });
    return [succeeded, exited()];
  }

  private failed(event: RunEvent, type: AslStateType): RecordedHistoryEvent[] {
    const at = event.at;
    const details = { error: event.error?.name, cause: redactText(event.error?.cause ?? '') };
    if (type === 'Task') {
      this.failedTasks.add(keyOf(event));
      return [this.event(at, 'TaskFailed', { taskFailedEventDetails: { ...LAMBDA, ...details } })];
    }
    if (type === 'Map') return [this.event(at, 'MapStateFailed', {})];
    if (type === 'Parallel') return [this.event(at, 'ParallelStateFailed', {})];
    return [];
  }

  private event(
    at: number,
    type: HistoryEventType,
    details: Omit<RecordedHistoryEvent, 'id' | 'type' | 'timestamp' | 'previousEventId'>,
  ): RecordedHistoryEvent {
    const id = ++this.lastId;
    return {
      id,
      previousEventId: id - 1,
      timestamp: new Date(this.startedAtMs + at).toISOString(),
      type,
      ...details,
    };
  }
}
