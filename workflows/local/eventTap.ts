import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';

/** One entry of the library's execution event log (its type is not exported by name). */
export type EngineEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** An engine event with the nested execution it came from (0 = the root) and its Map/Parallel state. */
export interface TappedEvent {
  event: EngineEvent;
  execution: number;
  parent?: string;
}

const TAP = Symbol.for('msk-flows.workflows.local.eventTap');
const INSTALLED = Symbol.for('msk-flows.workflows.local.eventTapInstalled');
const STATE_EVENTS = new Set(['StateEntered', 'StateExited', 'StateFailed', 'StateRetried', 'StateCaught']);

/**
 * Collects the state events of one run from every execution the engine starts (the root and each Map
 * iteration and Parallel branch), each read straight from its own event log.
 *
 * Why: aws-local-stepfunctions 3.0.0 forwards a nested execution's events to the root log
 * asynchronously and drops whatever arrives after the root execution has ended, so a Map or Parallel
 * state near the end loses its inner StateEntered/StateExited events, and the transition count with them.
 */
export class EventTap {
  private readonly seen = new WeakSet<object>();
  private executions = 0;
  private pending = 0;
  private readonly waiters: (() => void)[] = [];

  /** `parents` maps each branch/item-processor definition object to its Map/Parallel state's name. */
  constructor(
    private readonly parents: ReadonlyMap<object, string>,
    private readonly onEvent: (tapped: TappedEvent) => void,
  ) {}

  /** Drains `logs` eagerly, reports its state events, and returns a copy of the stream for the engine. */
  attach(machine: StateMachine, logs: AsyncGenerator<EngineEvent>): AsyncGenerator<EngineEvent> {
    const execution = this.executions++;
    const definition = (machine as unknown as { definition: object }).definition;
    const parent = this.parents.get(definition);
    const buffer: EngineEvent[] = [];
    let finished = false;
    let wake: (() => void) | undefined;
    this.pending++;
    void (async () => {
      try {
        for await (const event of logs) {
          if (STATE_EVENTS.has(event.type) && !this.seen.has(event)) {
            this.seen.add(event);
            this.onEvent({ event, execution, parent });
          }
          buffer.push(event);
          wake?.();
        }
      } finally {
        finished = true;
        wake?.();
        if (--this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
      }
    })();
    return (async function* copy() {
      while (true) {
        while (buffer.length > 0) yield buffer.shift() as EngineEvent;
        if (finished) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    })();
  }

  /** Resolves true once every execution's log has ended, false if that takes longer than `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    if (this.pending === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = new Promise<boolean>((resolve) => this.waiters.push(() => resolve(true)));
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Run options that make the engine report every execution of this run to `tap`. */
export function tappedRunOptions(options: RunOptions, tap: EventTap): RunOptions {
  // Nested executions receive the root's run options spread into a new object, symbol keys included.
  return { ...options, [TAP]: tap } as RunOptions;
}

/**
 * Wraps `StateMachine.prototype.run` once per process so that runs carrying a tap (see
 * {@link tappedRunOptions}) hand each execution's event log to it; other runs are untouched.
 */
export function installEventTap(): void {
  const prototype = StateMachine.prototype as StateMachine & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  const run = prototype.run;
  prototype.run = function tappedRun(this: StateMachine, input, options) {
    const execution = run.call(this, input, options);
    const tap = (options as Record<symbol, unknown> | undefined)?.[TAP];
    if (!(tap instanceof EventTap)) return execution;
    return { ...execution, eventLogs: tap.attach(this, execution.eventLogs) };
  };
  prototype[INSTALLED] = true;
}
