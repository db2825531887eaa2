import type { AslStateType } from './asl';
import type { TappedEvent } from './eventTap';

export type RunEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'StateEntered'
  | 'StateExited'
  | 'StateFailed'
  | 'StateRetried'
  | 'StateCaught';

/** An execution's error as Step Functions reports it: the Error name and the Cause text. */
export interface RunError {
  name: string;
  cause: string;
}

/** One step of a local run, in the order the engine reported it. */
export interface RunEvent {
  type: RunEventType;
  /** Milliseconds since the execution started. */
  at: number;
  state?: string;
  stateType?: AslStateType;
  /** The Map or Parallel state this state runs inside, if any. */
  parent?: string;
  /** Which execution reported it: 0 is the root, each Map iteration and Parallel branch gets its own. */
  execution: number;
  /** On StateExited and StateFailed: milliseconds since this state was entered. */
  durationMs?: number;
  /** On StateEntered: the state's input. */
  input?: unknown;
  /** On StateExited: the state's output. */
  output?: unknown;
  /** On StateFailed and ExecutionFailed: the error. */
  error?: RunError;
  /** On StateRetried: which retry this is (1 for the first). */
  attempt?: number;
}

/** Step Functions' Cause is text; the engine sometimes carries an object. */
export function causeText(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return cause === undefined ? '' : JSON.stringify(cause);
}

/** Turns the engine's raw state events into {@link RunEvent}s with elapsed times and durations. */
export class RunEventRecorder {
  readonly events: RunEvent[] = [];
  private readonly enteredAt = new Map<string, number>();
  transitions = 0;

  constructor(
    private readonly startedAt: number,
    private readonly onEvent?: (event: RunEvent) => void,
  ) {}

  /** Records a state event reported by the tap. */
  recordState(tapped: TappedEvent): void {
    const event = this.toRunEvent(tapped);
    if (event) this.push(event);
  }

  private toRunEvent({ event, execution, parent }: TappedEvent): RunEvent | undefined {
    if (!('state' in event)) return undefined;
    const at = event.timestamp - this.startedAt;
    const key = `${execution}\u0000${event.state.name}`;
    const base = { at, state: event.state.name, stateType: event.state.type, parent, execution };
    switch (event.type) {
      case 'StateEntered':
        this.transitions++;
        this.enteredAt.set(key, at);
        return { type: 'StateEntered', ...base, input: event.state.input };
      case 'StateExited':
        return { type: 'StateExited', ...base, durationMs: this.since(key, at), output: event.state.output };
      case 'StateFailed':
        return {
          type: 'StateFailed',
          ...base,
          durationMs: this.since(key, at),
          error: { name: event.Error, cause: causeText(event.Cause) },
        };
      case 'StateRetried':
        // Each retry is billed as another state transition: https://aws.amazon.com/step-functions/pricing/
        this.transitions++;
        return { type: 'StateRetried', ...base, attempt: event.retry.attempt };
      case 'StateCaught':
        return { type: 'StateCaught', ...base };
    }
  }

  /** Records an execution-level event of the root execution. */
  recordExecution(type: RunEventType, at: number, error?: RunError): void {
    this.push({ type, at, execution: 0, ...(error ? { error } : {}) });
  }

  private since(key: string, at: number): number | undefined {
    const entered = this.enteredAt.get(key);
    return entered === undefined ? undefined : at - entered;
  }

  private push(event: RunEvent): void {
    this.events.push(event);
    this.onEvent?.(event);
  }
}
