import type { FlightDataQuery } from './params';
import type { TableRef } from './schema';

/** A statement whose text holds only constant fragments and `$n` placeholders; caller values go in `values`. */
export interface PageStatement {
  text: string;
  values: unknown[];
}

/**
 * One page in `(departure_time, id)` order, one row more than asked so the caller knows whether a
 * next page exists. The row-value comparison `(a, b) > ($x, $y)` is the keyset seek the index serves:
 * https://www.postgresql.org/docs/current/functions-comparisons.html#ROW-WISE-COMPARISON
 */
export function pageStatement(query: FlightDataQuery, table: TableRef): PageStatement {
  const values: unknown[] = [];
  const where: string[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  if (query.flight !== undefined) where.push(`flight = ${bind(query.flight)}::text`);
  if (query.from) where.push(`departure_time >= ${bind(query.from.text)}::timestamptz`);
  if (query.to) where.push(`departure_time <= ${bind(query.to.text)}::timestamptz`);
  if (query.after) {
    where.push(
      `(departure_time, id) > (${bind(query.after.departure)}::timestamptz, ${bind(query.after.id)}::bigint)`,
    );
  }
  const text = [
    // `id` leaves as text (bigint exceeds JS numbers) under another name: ORDER BY `id` must mean
    // the bigint column, and PostgreSQL resolves a bare ORDER BY name to an output column first.
    `SELECT id::text AS key_id, flight, origin, destination, departure_time, arrival_time, status, payload,`,
    // The key at full (microsecond) precision in UTC, independent of the session's TimeZone.
    `to_char(departure_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS departure_key`,
    `FROM ${table.sql}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY departure_time, id`,
    `LIMIT ${bind(query.limit + 1)}::integer`,
  ]
    .filter(Boolean)
    .join('\n');
  return { text, values };
}
