/** Base of the errors of starting a workflow execution for a request. */
export class ExecutionStartError extends Error {
  constructor(
    message: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = 'ExecutionStartError';
  }
}

/** A run of the request is still going with a different input (e.g. a dry run while the real one runs). */
export class ExecutionInProgressError extends ExecutionStartError {
  constructor(
    requestId: string,
    readonly executionArn: string,
  ) {
    super(
      `request ${requestId} is running as ${executionArn} with another input; wait for it to end (or stop it), then start again`,
      requestId,
    );
    this.name = 'ExecutionInProgressError';
  }
}

/** Every run name of the request is taken (a request rerun that often needs a new requestId). */
export class TooManyRunsError extends ExecutionStartError {
  constructor(requestId: string, runs: number) {
    super(`request ${requestId} has run ${runs} times; give it a new requestId`, requestId);
    this.name = 'TooManyRunsError';
  }
}
