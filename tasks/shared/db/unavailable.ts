import { DbUnavailableError } from './errors';

// Socket-level failures raised by Node while connecting or mid-query.
const nodeCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// SQLSTATE classes/codes that mean "not now" rather than "your query is wrong":
// 08 connection exception, 53 insufficient resources, 57P01-03 shutdown / cannot connect now,
// 57014 statement cancelled (timeout), 28 invalid authorization (an expired or rejected IAM token).
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const sqlStatePattern = /^(08|53|28)[0-9A-Z]{3}$|^57P0[1-3]$|^57014$/;

// pg reports pool and protocol timeouts as plain Errors with these messages (pg-pool, pg/lib/client.js).
const pgMessages = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Query read timeout',
  'Client has encountered a connection error',
];

/** Whether an error from `pg` means the database is unreachable or refusing service (retriable, HTTP 503). */
export function isDbUnavailable(error: unknown): boolean {
  // Duck-typed rather than `instanceof Error`: socket errors can come from another realm (Node core
  // under a test runner's VM context), where `instanceof` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (nodeCodes.has(code) || sqlStatePattern.test(code))) return true;
  if (Array.isArray(errors) && errors.some(isDbUnavailable)) return true; // AggregateError (IPv4 + IPv6 attempts)
  return typeof message === 'string' && pgMessages.some((m) => message.startsWith(m));
}

// A pooled connection the server or proxy has since closed (idle timeout, failover, a thawed container).
const staleCodes = new Set(['ECONNRESET', 'EPIPE', '57P01']);
const staleMessages = ['Connection terminated', 'Client has encountered a connection error'];

/** Whether an error says an established connection was dropped, so one retry on a fresh one may succeed. */
export function isStaleConnection(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && staleCodes.has(code)) return true;
  return typeof message === 'string' && staleMessages.some((m) => message.startsWith(m));
}

/** Wraps an unavailability error from `pg` in `DbUnavailableError`; returns anything else unchanged. */
export function classifyDbError(error: unknown): unknown {
  if (!isDbUnavailable(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new DbUnavailableError(typeof code === 'string' ? code : undefined, { cause: error });
}
