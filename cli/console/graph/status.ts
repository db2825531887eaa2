import type { RecordedHistoryEvent } from '../../../workflows/local/history/types';
import { allEdges, allNodes, END, edgeKey, type GraphModel, START } from './model';

/** What happened to a state, which decides its colour. */
export type StateStatus = 'succeeded' | 'retried' | 'caught' | 'failed' | 'running' | 'not-reached';

/** One state's part in an execution. */
export interface StateOutcome {
  status: StateStatus;
  /** Attempts after the first (a Task retried twice has 2). */
  retries: number;
  /** Times the state was entered (a polling loop enters some states several times). */
  entered: number;
  /** The last failure of the state: its error name and cause. */
  error?: { error?: string; cause?: string };
  /** JSON text of the last input and output. */
  input?: string;
  output?: string;
  /** Milliseconds since the execution started: first entry and last exit (or failure). */
  startMs?: number;
  endMs?: number;
}

/** The outcome of each state and the transitions taken, read from an execution's history. */
export interface ExecutionPicture {
  states: Map<string, StateOutcome>;
  /** Keys (see `edgeKey`) of the edges the execution went along. */
  traversed: Set<string>;
}

const stateOf = (e: RecordedHistoryEvent) =>
  e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name ?? undefined;

/**
 * Colours a state machine graph by an execution's Step Functions history: a state that exited is
 * succeeded, or `retried` when it needed more than one attempt, or `caught` when its last attempt
 * failed and a Catch sent the execution on (into compensation); a Fail state entered, or a state
 * still open when the execution failed, is failed; entered and not exited while running is running;
 * never entered is not reached. Works on histories from AWS as well as on local recordings.
 */
export function pictureOf(model: GraphModel, events: RecordedHistoryEvent[]): ExecutionPicture {
  const states = new Map<string, StateOutcome>();
  const traversed = new Set<string>();
  const edges = new Set(allEdges(model).map((e) => edgeKey(e.from, e.to)));
  for (const node of allNodes(model)) states.set(node.id, { status: 'not-reached', retries: 0, entered: 0 });
  const start = events[0] ? Date.parse(events[0].timestamp) : 0;
  const at = (e: RecordedHistoryEvent) => Date.parse(e.timestamp) - start;
  const open = new Set<string>();
  let lastTask: string | undefined;
  let lastFailed = new Set<string>();
  let previous: string = START;
  const take = (from: string, to: string) => {
    if (edges.has(edgeKey(from, to))) traversed.add(edgeKey(from, to));
  };
  for (const event of events) {
    const type = event.type ?? '';
    const name = stateOf(event);
    const outcome = name ? states.get(name) : undefined;
    if (type.endsWith('StateEntered') && name && outcome) {
      take(previous, name);
      outcome.entered++;
      outcome.status = type === 'FailStateEntered' ? 'failed' : 'running';
      outcome.input = event.stateEnteredEventDetails?.input;
      outcome.startMs ??= at(event);
      if (type === 'FailStateEntered') outcome.endMs = at(event);
      open.add(name);
      if (type === 'TaskStateEntered') lastTask = name;
      previous = name;
    } else if (type === 'TaskScheduled' && lastTask && lastFailed.has(lastTask)) {
      const retried = states.get(lastTask);
      if (retried) retried.retries++;
      lastFailed.delete(lastTask);
    } else if (type === 'TaskFailed' && lastTask) {
      const failed = states.get(lastTask);
      if (failed) failed.error = { ...event.taskFailedEventDetails };
      lastFailed.add(lastTask);
    } else if (type.endsWith('StateExited') && name && outcome) {
      const caught = lastFailed.has(name);
      outcome.status = caught ? 'caught' : outcome.retries > 0 ? 'retried' : 'succeeded';
      outcome.output = event.stateExitedEventDetails?.output;
      outcome.endMs = at(event);
      open.delete(name);
      lastFailed = new Set([...lastFailed].filter((n) => n !== name));
      previous = name;
    } else if (type === 'ExecutionSucceeded' || type === 'ExecutionFailed') {
      take(previous, END);
      const end = states.get(END);
      if (end && traversed.has(edgeKey(previous, END))) {
        end.status = type === 'ExecutionSucceeded' ? 'succeeded' : 'failed';
      }
      if (type === 'ExecutionFailed') {
        for (const name of open) {
          const failed = states.get(name);
          if (!failed) continue;
          failed.status = 'failed';
          failed.endMs = at(event);
          failed.error ??= { ...event.executionFailedEventDetails };
        }
      }
    } else if (type === 'ExecutionAborted' || type === 'ExecutionTimedOut') {
      for (const name of open) {
        const stopped = states.get(name);
        if (stopped) stopped.status = 'failed';
      }
    }
  }
  const begun = states.get(START);
  if (begun && events.length > 0) begun.status = 'succeeded';
  return { states, traversed };
}
