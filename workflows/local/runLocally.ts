import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import {
  type AslDefinition,
  type AslState,
  childDefinitions,
  cloneJson,
  listStates,
  type StateVisit,
} from './asl';
import { EventTap, installEventTap, tappedRunOptions } from './eventTap';
import type { TaskResource } from './extractDefinition';
import { bindHandlers, type LocalHandlers } from './handlers';
import { causeText, type RunError, type RunEvent, RunEventRecorder } from './runEvents';
import { assertRunnableLocally } from './support';

export interface RunLocallyOptions {
  /** The ASL to run, typically `extractStateMachineDefinition(...).definition`. */
  definition: AslDefinition;
  /** From `extractStateMachineDefinition`, so a resolver sees each task's function. */
  taskResources?: ReadonlyMap<string, TaskResource>;
  /** A handler per Task state name, or a resolver from the task (function logical id, path…) to a handler. */
  handlers: LocalHandlers;
  input: unknown;
  /** Pause of every Wait state in ms (or per state name); default 0; `'asDefined'`: wait as the definition says. */
  waitTimeOverride?: number | Record<string, number> | 'asDefined';
  /** Pause before every retry in ms (or per state name); default 0. */
  retryIntervalOverride?: number | Record<string, number>;
  /** Called for every event as it happens (one line per state in a CLI, say). */
  onEvent?: (event: RunEvent) => void;
  /** Aborts the execution (status ABORTED). */
  signal?: AbortSignal;
  /** `$$.Execution.Name` in the Context object; default `local-<timestamp>`. */
  executionName?: string;
}

export type RunStatus = 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface RunResult {
  status: RunStatus;
  output?: unknown;
  error?: RunError;
  /** State transitions as Step Functions bills them: every state entered (nested ones too) plus every retry. */
  transitions: number;
  events: RunEvent[];
  durationMs: number;
}

// Nested executions still reporting after the root ended (Map iterations queued behind a failure).
const DRAIN_TIMEOUT_MS = 2000;

function overridesFor(
  states: StateVisit[],
  value: number | Record<string, number>,
  applies: (state: AslState) => boolean,
): Record<string, number> {
  const names = states.filter(({ state }) => applies(state)).map(({ name }) => name);
  return Object.fromEntries(
    names.map((name) => [name, typeof value === 'number' ? value : (value[name] ?? 0)]),
  );
}

function parentsOf(definition: AslDefinition): Map<object, string> {
  const parents = new Map<object, string>();
  for (const { name, state } of listStates(definition)) {
    for (const child of childDefinitions(state)) parents.set(child, name);
  }
  return parents;
}

function failureOf(thrown: unknown): { status: RunStatus; error?: RunError } {
  if (thrown instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (thrown instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: { name: 'States.Timeout', cause: 'The execution timed out' } };
  }
  if (thrown instanceof ExecutionError) {
    const failure = thrown.cause as Error;
    return { status: 'FAILED', error: { name: failure.name, cause: causeText(failure.message) } };
  }
  throw thrown;
}

/**
 * Runs an ASL definition in-process with aws-local-stepfunctions, every Task state bound to a local
 * handler (a Task without one is an error before anything runs), and reports every state entered and
 * exited, nested ones included, with the number of state transitions.
 */
export async function runLocally(options: RunLocallyOptions): Promise<RunResult> {
  installEventTap();
  assertRunnableLocally(options.definition);
  // The engine validates (and thereby mutates) the definition it is given, and hands out its nested
  // definitions by reference: give it a private copy and map that copy's branches to their states.
  const definition = cloneJson(options.definition);
  const taskFunctions = bindHandlers(definition, options.handlers, options.taskResources);
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false, checkPaths: true },
  });
  const states = listStates(definition);
  const waitOption = options.waitTimeOverride ?? 0;
  const waits =
    waitOption === 'asDefined' ? {} : overridesFor(states, waitOption, (state) => state.Type === 'Wait');
  const retries = overridesFor(
    states,
    options.retryIntervalOverride ?? 0,
    (state) => (state.Retry?.length ?? 0) > 0,
  );
  // The engine types handlers as JSON in, JSON out; ours take and return JSON-safe values.
  const taskResourceLocalHandlers = taskFunctions as NonNullable<
    RunOptions['overrides']
  >['taskResourceLocalHandlers'];
  const runOptions: RunOptions = {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides: waits, retryIntervalOverrides: retries },
    context: { Execution: { Name: options.executionName ?? `local-${Date.now()}` } },
  };

  const startedAt = Date.now();
  const recorder = new RunEventRecorder(startedAt, options.onEvent);
  const tap = new EventTap(parentsOf(definition), (tapped) => recorder.recordState(tapped));
  recorder.recordExecution('ExecutionStarted', 0);
  const execution = machine.run(
    cloneJson(options.input ?? null) as Parameters<StateMachine['run']>[0],
    tappedRunOptions(runOptions, tap),
  );
  const abort = () => execution.abort();
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });

  let outcome: { status: RunStatus; output?: unknown; error?: RunError };
  try {
    outcome = { status: 'SUCCEEDED', output: await execution.result };
  } catch (thrown) {
    outcome = failureOf(thrown);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  // Stop Map iterations the engine would still start after a failure, then collect the last events.
  execution.abort();
  await tap.drained(DRAIN_TIMEOUT_MS);
  const durationMs = Date.now() - startedAt;
  const finalType = {
    SUCCEEDED: 'ExecutionSucceeded',
    FAILED: 'ExecutionFailed',
    ABORTED: 'ExecutionAborted',
    TIMED_OUT: 'ExecutionTimedOut',
  } as const;
  recorder.recordExecution(finalType[outcome.status], durationMs, outcome.error);
  return { ...outcome, transitions: recorder.transitions, events: recorder.events, durationMs };
}
