import { type Cursor, decodeCursor } from './cursor';
import { FlightDataValidationError, type ParameterProblem } from './errors';
import { type Instant, parseInstant } from './instant';

/** The query string as API Gateway hands it over: one value per name (repeats rejected upstream). */
export type FlightDataQueryParams = Record<string, string | undefined>;

/** A validated request: filters, page size and where the page starts. */
export interface FlightDataQuery {
  flight?: string;
  from?: Instant;
  to?: Instant;
  limit: number;
  after?: Cursor;
}

/** The only query parameters the API accepts; any other name is a 400. */
export const knownParameters = ['flight', 'from', 'to', 'limit', 'cursor'] as const;
/** Page size when `limit` is absent. */
export const defaultLimit = 100;
/** Largest page a caller may ask for. */
export const maxLimit = 1000;

const flightPattern = /^[A-Z0-9]{2,3}[0-9]{1,4}[A-Z]?$/;
const limitPattern = /^[0-9]{1,4}$/;
/** Validates the query string, naming every bad parameter at once; throws `FlightDataValidationError`. */
export function parseFlightDataQuery(params: FlightDataQueryParams): FlightDataQuery {
  const problems: ParameterProblem[] = [];
  const bad = (parameter: string, reason: string) => problems.push({ parameter, reason });
  for (const name of Object.keys(params)) {
    if (!(knownParameters as readonly string[]).includes(name)) {
      bad(name.slice(0, 64), `is not a known parameter (${knownParameters.join(', ')})`);
    } else if (params[name] === '') bad(name, 'must not be empty');
  }
  const query: FlightDataQuery = { limit: defaultLimit };
  const { flight, from, to, limit, cursor } = params;
  if (flight) {
    if (flightPattern.test(flight)) query.flight = flight;
    else bad('flight', 'must be a flight number like LH123 or BA2490A (uppercase)');
  }
  const instantReason = 'must be an ISO-8601 date or date-time with an offset, e.g. 2024-05-01T10:00:00Z';
  if (from) {
    query.from = parseInstant(from);
    if (!query.from) bad('from', instantReason);
  }
  if (to) {
    query.to = parseInstant(to);
    if (!query.to) bad('to', instantReason);
  }
  if (query.from && query.to && query.from.micros > query.to.micros) bad('from', 'must not be later than to');
  if (limit) {
    query.limit = limitPattern.test(limit) ? Number(limit) : Number.NaN;
    if (!(query.limit >= 1 && query.limit <= maxLimit))
      bad('limit', `must be an integer from 1 to ${maxLimit}`);
  }
  if (cursor) {
    query.after = decodeCursor(cursor);
    if (!query.after) bad('cursor', 'is not a cursor returned by this API');
  }
  if (problems.length > 0) throw new FlightDataValidationError(problems);
  return query;
}
