/**
 * Errors of the local workflow engine: problems with the definition or the local wiring, found
 * before or while running a synthesized state machine in-process. None of them is retriable: each
 * one is a mistake in the machine, the stack or the test, never a transient fault.
 */

/** Base class of every local-engine failure. */
export class LocalWorkflowError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LocalWorkflowError';
  }
}

/** The stack has no `AWS::StepFunctions::StateMachine` with the requested logical id. */
export class StateMachineNotFoundError extends LocalWorkflowError {
  readonly requested: string;
  readonly available: string[];

  constructor(requested: string, available: string[]) {
    super(
      `No AWS::StepFunctions::StateMachine '${requested}' in the template; state machines found: ${
        available.length > 0 ? available.join(', ') : 'none'
      }`,
    );
    this.name = 'StateMachineNotFoundError';
    this.requested = requested;
    this.available = available;
  }
}

/** The definition uses something the extractor or the local engine cannot reproduce faithfully. */
export class UnsupportedDefinitionError extends LocalWorkflowError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'UnsupportedDefinitionError';
  }
}

/** The extracted definition is not valid ASL; the message lists every validator finding. */
export class InvalidDefinitionError extends LocalWorkflowError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`State machine definition is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidDefinitionError';
    this.problems = problems;
  }
}

/** Task states with no local handler: running them would call real AWS, so nothing runs. */
export class MissingLocalHandlerError extends LocalWorkflowError {
  readonly states: string[];

  constructor(missing: { state: string; target?: string }[]) {
    const list = missing.map(({ state, target }) => (target ? `'${state}' (${target})` : `'${state}'`));
    super(`No local handler for Task state(s) ${list.join(', ')}; every Task state needs one`);
    this.name = 'MissingLocalHandlerError';
    this.states = missing.map(({ state }) => state);
  }
}

/** Handlers were given for state names the definition does not have (a typo or a renamed state). */
export class UnknownHandlerStateError extends LocalWorkflowError {
  readonly states: string[];

  constructor(states: string[], taskStates: string[]) {
    super(
      `Local handlers given for unknown Task state(s) ${states.map((s) => `'${s}'`).join(', ')}; Task states are: ${taskStates
        .map((s) => `'${s}'`)
        .join(', ')}`,
    );
    this.name = 'UnknownHandlerStateError';
    this.states = states;
  }
}
