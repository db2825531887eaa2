import { DbConfigError, DbUnavailableError, retriableDbErrorNames } from '../../../../tasks/shared/db/errors';
import { createPgPool, readPgSettings } from '../../../../tasks/shared/db/pool';
import { classifyDbError, isDbUnavailable, isStaleConnection } from '../../../../tasks/shared/db/unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDbUnavailable', () => {
  it.each([
    withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
    withCode('the database system is shutting down', '57P03'),
    withCode('sorry, too many clients already', '53300'),
    withCode('PAM authentication failed for user "reader"', '28000'),
    withCode('canceling statement due to statement timeout', '57014'),
    withCode('terminating connection due to administrator command', '57P01'),
    new Error('timeout exceeded when trying to connect'),
    new Error('Connection terminated unexpectedly'),
    new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]),
  ])('says yes to %p', (error) => {
    // Act
    const unavailable = isDbUnavailable(error);

    // Assess
    expect(unavailable).toBe(true);
  });

  it.each([
    withCode('relation "x" does not exist', '42P01'),
    withCode('syntax error at or near "OR"', '42601'),
    withCode('invalid input syntax for type timestamp', '22007'),
    new TypeError('x is not a function'),
    'a string',
  ])('says no to %p', (error) => {
    // Act
    const unavailable = isDbUnavailable(error);

    // Assess
    expect(unavailable).toBe(false);
  });
});

describe('classifyDbError', () => {
  it('wraps an unavailability error with its code and cause, and a retriable name', () => {
    // Prepare
    const cause = withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED');

    // Act
    const error = classifyDbError(cause);

    // Assess
    expect(error).toBeInstanceOf(DbUnavailableError);
    expect(error).toMatchObject({
      code: 'ECONNREFUSED',
      cause,
      message: 'database unavailable (ECONNREFUSED)',
    });
    expect(retriableDbErrorNames).toContain((error as Error).name);
  });

  it('returns any other error unchanged', () => {
    // Prepare
    const original = withCode('relation "x" does not exist', '42P01');

    // Act
    const error = classifyDbError(original);

    // Assess
    expect(error).toBe(original);
  });
});

describe('readPgSettings', () => {
  it('defaults to the local trust-auth database', () => {
    // Act
    const settings = readPgSettings({});

    // Assess
    expect(settings).toEqual({
      host: '127.0.0.1',
      port: 5432,
      database: 'test',
      user: 'postgres',
      ssl: false,
      iamAuth: false,
    });
  });

  it('reads the RDS Proxy settings', () => {
    // Act
    const settings = readPgSettings({
      PGHOST: 'flights.proxy-abc123.eu-west-1.rds.amazonaws.com',
      PGPORT: '5432',
      PGDATABASE: 'flights',
      PGUSER: 'flight_reader',
      PGSSLMODE: 'verify-full',
      PG_IAM_AUTH: 'true',
    });

    // Assess
    expect(settings).toMatchObject({ ssl: true, iamAuth: true, user: 'flight_reader' });
  });

  it('names every bad variable at once', () => {
    // Act
    const attempt = () => readPgSettings({ PGPORT: '99999', PGUSER: 'a b', PG_IAM_AUTH: 'true' });

    // Assess
    expect(attempt).toThrow(DbConfigError);
    expect(attempt).toThrow(/PGPORT.*PGUSER.*PGSSLMODE must be verify-full when PG_IAM_AUTH=true/);
  });
});

describe('createPgPool', () => {
  it('listens for idle-client errors so a dropped connection cannot crash the container', async () => {
    // Prepare
    const seen: Error[] = [];
    const pool = createPgPool(readPgSettings({}), { onIdleError: (e) => seen.push(e) });

    // Act
    pool.emit('error', new Error('Connection terminated unexpectedly'));
    await pool.end();

    // Assess
    expect(seen).toHaveLength(1);
    expect(pool.options.max).toBe(2);
  });
});

describe('isStaleConnection', () => {
  it.each([
    [withCode('read ECONNRESET', 'ECONNRESET'), true],
    [withCode('terminating connection due to administrator command', '57P01'), true],
    [new Error('Connection terminated unexpectedly'), true],
    [withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), false],
    [new Error('Query read timeout'), false],
    [withCode('relation "x" does not exist', '42P01'), false],
  ])('says %p is %s', (error, stale) => {
    // Act
    const result = isStaleConnection(error);

    // Assess
    expect(result).toBe(stale);
  });
});
