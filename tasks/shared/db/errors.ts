/** Base class of every PostgreSQL access failure raised by `tasks/shared/db`. */
export class DbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
  }
}

/** The connection settings in the environment are missing or malformed (a deployment bug: never retried). */
export class DbConfigError extends DbError {
  readonly variables: string[];

  constructor(problems: { variable: string; reason: string }[], options?: { cause?: unknown }) {
    super(
      `invalid database settings: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`,
      options,
    );
    this.name = 'DbConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

/** The database or its proxy cannot be reached or refused service (down, overloaded, auth token rejected). */
export class DbUnavailableError extends DbError {
  /** Node or PostgreSQL (SQLSTATE) code of the underlying failure, safe to log; never the server's message. */
  readonly code: string | undefined;

  constructor(code: string | undefined, options?: { cause?: unknown }) {
    super(`database unavailable${code ? ` (${code})` : ''}`, options);
    this.name = 'DbUnavailableError';
    this.code = code;
  }
}

/** Errors worth retrying with backoff: the database or its proxy is momentarily out of reach. */
export const retriableDbErrorNames: readonly string[] = ['DbUnavailableError'];
