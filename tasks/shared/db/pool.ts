import { Pool } from 'pg';
import { DbConfigError } from './errors';

/** Supplies the password for each new connection (an RDS IAM auth token on AWS); never logged. */
export type PasswordProvider = () => Promise<string>;

/** Where and how to connect, read from the standard libpq variables. */
export interface PgSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  /** TLS with certificate verification; RDS Proxy requires it for IAM auth. */
  ssl: boolean;
  /** Whether the password is an IAM auth token (`PG_IAM_AUTH=true`). */
  iamAuth: boolean;
}

/** Pool tuning for Lambda: few connections per container, short waits. */
export interface PgPoolTuning {
  max: number;
  idleTimeoutMillis: number;
  connectionTimeoutMillis: number;
  queryTimeoutMillis: number;
}

/** One container serves one request at a time, so two connections are plenty; RDS Proxy multiplexes. */
export const lambdaPoolTuning: PgPoolTuning = {
  max: 2,
  idleTimeoutMillis: 60_000,
  connectionTimeoutMillis: 3_000,
  queryTimeoutMillis: 5_000,
};

const identifier = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

/** Reads PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE and PG_IAM_AUTH; local defaults match the dev machine. */
export function readPgSettings(env: NodeJS.ProcessEnv = process.env): PgSettings {
  const problems: { variable: string; reason: string }[] = [];
  const host = env.PGHOST ?? '127.0.0.1';
  const portText = env.PGPORT ?? '5432';
  const port = Number(portText);
  const database = env.PGDATABASE ?? 'test';
  const user = env.PGUSER ?? 'postgres';
  const sslMode = env.PGSSLMODE ?? 'disable';
  const iamAuth = env.PG_IAM_AUTH === 'true';
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(host))
    problems.push({ variable: 'PGHOST', reason: 'must be a host name' });
  if (!/^[0-9]{1,5}$/.test(portText) || port < 1 || port > 65_535) {
    problems.push({ variable: 'PGPORT', reason: 'must be a port number 1-65535' });
  }
  if (!identifier.test(database))
    problems.push({ variable: 'PGDATABASE', reason: 'must be a database name' });
  if (!identifier.test(user)) problems.push({ variable: 'PGUSER', reason: 'must be a role name' });
  if (!['disable', 'verify-full'].includes(sslMode)) {
    problems.push({ variable: 'PGSSLMODE', reason: 'must be disable or verify-full' });
  }
  if (iamAuth && sslMode !== 'verify-full') {
    problems.push({ variable: 'PGSSLMODE', reason: 'must be verify-full when PG_IAM_AUTH=true' });
  }
  if (problems.length > 0) throw new DbConfigError(problems);
  return { host, port, database, user, ssl: sslMode === 'verify-full', iamAuth };
}

/**
 * Creates a pool meant to live at module scope, reused by every invocation of a container.
 * Connections open lazily on the first query. Idle-client errors (a proxy closing an idle
 * connection while the container was frozen) are reported to `onIdleError` instead of crashing.
 */
export function createPgPool(
  settings: PgSettings,
  options: { password?: PasswordProvider; tuning?: PgPoolTuning; onIdleError?: (error: Error) => void } = {},
): Pool {
  const tuning = options.tuning ?? lambdaPoolTuning;
  const pool = new Pool({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    // RDS Proxy presents an ACM certificate, which Node's default CA bundle already trusts:
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.howitworks.html#rds-proxy-security.tls
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    password: options.password,
    max: tuning.max,
    idleTimeoutMillis: tuning.idleTimeoutMillis,
    connectionTimeoutMillis: tuning.connectionTimeoutMillis,
    query_timeout: tuning.queryTimeoutMillis,
    application_name: 'msk-flows',
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}
