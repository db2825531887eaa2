import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DbUnavailableError } from '../../shared/db/errors';
import type { Tracer } from '../../shared/observability/tracer';
import { checkApiEvent } from './apiEvent';
import { FlightDataValidationError, InvalidApiEventError, MethodNotAllowedError } from './errors';
import type { FlightDataQueryParams } from './params';
import type { QueryFlightDataDeps, QueryFlightDataInput, QueryFlightDataOutput } from './queryFlightData';

/** Everything the handler uses, created once per container (see `clients.ts`) or by a test. */
export interface FlightDataApiDeps extends QueryFlightDataDeps {
  allowedOrigins: ReadonlySet<string>;
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** CORS response headers: the Origin echoed only when allow-listed; `Vary: Origin` always, for caches. */
export function corsHeaders(
  event: APIGatewayProxyEvent,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  // Header names keep the client's case in REST API events (HTTP/2 clients send them lowercase). Read
  // defensively: this runs before the event is checked, so that a 400 carries CORS headers too.
  const headers = (event as { headers?: unknown } | null)?.headers;
  const map = typeof headers === 'object' && headers !== null ? headers : {};
  const entry = Object.entries(map).find(([name]) => name.toLowerCase() === 'origin');
  const origin = entry?.[1];
  return typeof origin === 'string' && allowed.has(origin)
    ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
    : { Vary: 'Origin' };
}

/** The query string with one value per name; a repeated name is a 400 (which value would win is ambiguous). */
export function singleValuedParams(event: APIGatewayProxyEvent): FlightDataQueryParams {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {})
    .filter(([, values]) => (values?.length ?? 0) > 1)
    .map(([name]) => ({ parameter: name.slice(0, 64), reason: 'must be given at most once' }));
  if (repeated.length > 0) throw new FlightDataValidationError(repeated);
  return { ...(event.queryStringParameters ?? {}) };
}

/** Runs the query for one API Gateway event and maps the outcome to an HTTP response. */
export async function flightDataResponse(
  event: APIGatewayProxyEvent,
  deps: FlightDataApiDeps,
  query: (input: QueryFlightDataInput, deps: QueryFlightDataDeps) => Promise<QueryFlightDataOutput>,
): Promise<APIGatewayProxyResult> {
  const headers = {
    ...corsHeaders(event, deps.allowedOrigins),
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  try {
    const page = await query(singleValuedParams(checkApiEvent(event)), deps);
    deps.metrics.addMetric('ItemsReturned', MetricUnit.Count, page.items.length);
    deps.logger.info('served a page', { items: page.items.length, more: page.nextCursor !== null });
    return { statusCode: 200, headers, body: JSON.stringify(page) };
  } catch (error) {
    if (error instanceof InvalidApiEventError || error instanceof MethodNotAllowedError) {
      deps.metrics.addMetric('BadRequests', MetricUnit.Count, 1);
      deps.logger.warn('rejected an event', { error: error.message });
      const status = error instanceof MethodNotAllowedError ? 405 : 400;
      const body = {
        error: error.message,
        ...(error instanceof InvalidApiEventError ? { problems: error.problems } : {}),
      };
      return {
        statusCode: status,
        headers: status === 405 ? { ...headers, Allow: 'GET' } : headers,
        body: JSON.stringify(body),
      };
    }
    if (error instanceof FlightDataValidationError) {
      deps.metrics.addMetric('BadRequests', MetricUnit.Count, 1);
      deps.logger.info('rejected a query', { parameters: error.problems.map((p) => p.parameter) });
      const body = {
        error: error.message,
        parameter: error.problems[0]?.parameter,
        problems: error.problems,
      };
      return { statusCode: 400, headers, body: JSON.stringify(body) };
    }
    if (error instanceof DbUnavailableError) {
      deps.metrics.addMetric('DatabaseUnavailable', MetricUnit.Count, 1);
      deps.logger.warn('database unavailable', { code: error.code });
      const body = { error: 'flight data is temporarily unavailable, retry later' };
      return { statusCode: 503, headers: { ...headers, 'Retry-After': '1' }, body: JSON.stringify(body) };
    }
    deps.metrics.addMetric('InternalErrors', MetricUnit.Count, 1);
    deps.logger.error('query failed', error as Error);
    return { statusCode: 500, headers, body: JSON.stringify({ error: 'internal error' }) };
  }
}
