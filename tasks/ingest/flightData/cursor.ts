import { parseInstant } from './instant';

/**
 * The key of the last row of a page: `(departure_time, id)`, the table's unique sort order.
 * `departure` keeps PostgreSQL's microseconds (a JS Date would round them to milliseconds and
 * re-serve rows on the next page).
 */
export interface Cursor {
  departure: string;
  id: string;
}

const departurePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const idPattern = /^[1-9][0-9]{0,18}$/;
const maxBigint = 9_223_372_036_854_775_807n;
const maxCursorLength = 200;

/** Encodes a row key as an opaque cursor: base64url of a small versioned JSON document. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, d: cursor.departure, i: cursor.id }), 'utf8').toString(
    'base64url',
  );
}

/** Decodes a cursor from the caller; undefined unless it is exactly what `encodeCursor` produces. */
export function decodeCursor(text: string): Cursor | undefined {
  if (text.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const { v, d, i, ...rest } = doc as Record<string, unknown>;
  if (v !== 1 || Object.keys(rest).length > 0) return undefined;
  if (typeof d !== 'string' || !departurePattern.test(d) || !parseInstant(d)) return undefined;
  if (typeof i !== 'string' || !idPattern.test(i) || BigInt(i) > maxBigint) return undefined;
  return { departure: d, id: i };
}
