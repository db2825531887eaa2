/** Where the page finds the API: `config.json` beside it, written at deploy time from the stack's outputs. */
export interface FlightDataConfig {
  apiUrl: string;
  /** The usage plan's API key; when absent the page asks for it. */
  apiKey?: string;
}

/** One flight as `GET /flightData` serves it (see docs/flight-data-api.md). */
export interface FlightRow {
  id: string;
  flight: string;
  origin: string;
  destination: string;
  departureTime: string;
  arrivalTime: string | null;
  status: string;
}

export interface FlightPage {
  items: FlightRow[];
  nextCursor: string | null;
}

/** The filters a person sets; empty ones are not sent. */
export interface FlightFilters {
  flight?: string;
  /** A UTC day `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** A UTC day `YYYY-MM-DD`, inclusive (the whole day). */
  to?: string;
  limit: number;
}

/** The API said no: the HTTP status and what its body says (every bad parameter on a 400). */
export class FlightDataApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: { parameter: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'FlightDataApiError';
  }
}

/** Reads `config.json` from the page's own folder. */
export async function loadConfig(): Promise<FlightDataConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<FlightDataConfig>;
  if (typeof config.apiUrl !== 'string') throw new Error('config.json has no apiUrl');
  return { apiUrl: config.apiUrl, apiKey: typeof config.apiKey === 'string' ? config.apiKey : undefined };
}

/** The query string of one page request. */
export function pageQuery(filters: FlightFilters, cursor?: string): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.flight) query.set('flight', filters.flight.trim().toUpperCase());
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', `${filters.to}T23:59:59.999999Z`);
  query.set('limit', String(filters.limit));
  if (cursor) query.set('cursor', cursor);
  return query;
}

/** Fetches one page; a non-200 answer becomes a FlightDataApiError with the API's own words. */
export async function fetchFlightPage(
  config: FlightDataConfig,
  apiKey: string,
  filters: FlightFilters,
  cursor?: string,
): Promise<FlightPage> {
  let response: Response;
  try {
    response = await fetch(`${config.apiUrl}?${pageQuery(filters, cursor)}`, {
      headers: { 'X-Api-Key': apiKey, Accept: 'application/json' },
      mode: 'cors',
    });
  } catch {
    throw new FlightDataApiError(0, 'Could not reach the flight data API (network or CORS).');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return body as unknown as FlightPage;
  const message =
    typeof body.error === 'string'
      ? body.error
      : typeof body.message === 'string'
        ? body.message
        : response.statusText;
  const problems = Array.isArray(body.problems)
    ? (body.problems as { parameter: string; reason: string }[])
    : [];
  throw new FlightDataApiError(response.status, message, problems);
}
