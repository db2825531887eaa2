/** Base class of every failure of the flightData read API. */
export class FlightDataError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FlightDataError';
  }
}

/** One rejected query parameter and why; `parameter` is the name exactly as the caller sent it. */
export interface ParameterProblem {
  parameter: string;
  reason: string;
}

/** The caller's query string is wrong (HTTP 400); lists every bad parameter, never echoes values. */
export class FlightDataValidationError extends FlightDataError {
  readonly problems: ParameterProblem[];

  constructor(problems: ParameterProblem[], options?: { cause?: unknown }) {
    super(`invalid query: ${problems.map((p) => `${p.parameter} ${p.reason}`).join('; ')}`, options);
    this.name = 'FlightDataValidationError';
    this.problems = problems;
  }
}

/** The function's own settings (table name, CORS allow-list) are malformed: a deployment bug. */
export class FlightDataConfigError extends FlightDataError {
  readonly variable: string;

  constructor(variable: string, reason: string, options?: { cause?: unknown }) {
    super(`invalid setting ${variable}: ${reason}`, options);
    this.name = 'FlightDataConfigError';
    this.variable = variable;
  }
}

/** None of these is retriable: a bad request stays bad. Database unavailability is `DbUnavailableError`. */
export const retriableFlightDataErrorNames: readonly string[] = [];

/**
 * The Lambda was invoked with something that is not an API Gateway REST proxy event (a direct invoke, a
 * non-proxy integration): HTTP 400 listing every bad field, never their values.
 */
export class InvalidApiEventError extends FlightDataError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`not an API Gateway REST proxy event: ${problems.join('; ')}`);
    this.name = 'InvalidApiEventError';
    this.problems = problems;
  }
}

/** The event asks for another method than GET (HTTP 405, `Allow: GET`). */
export class MethodNotAllowedError extends FlightDataError {
  constructor(readonly method: string) {
    // Only a plain method token is named: anything else a direct invoke sent is not echoed.
    super(
      `method ${/^[A-Z]{1,10}$/.test(method) ? method : '(other)'} is not allowed: this API answers GET only`,
    );
    this.name = 'MethodNotAllowedError';
  }
}
