import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { classifyDbError, isStaleConnection } from '../../shared/db/unavailable';
import { captureLambdaHandler } from '../../shared/observability/captureLambdaHandler';
import { flightDataClients } from './clients';
import { encodeCursor } from './cursor';
import { type FlightDataApiDeps, flightDataResponse } from './http';
import { type FlightDataQueryParams, parseFlightDataQuery } from './params';
import type { SqlRunner, TableRef } from './schema';
import { pageStatement } from './sql';

/** The query string parameters: `flight`, `from`, `to`, `limit`, `cursor` (all optional). */
export type QueryFlightDataInput = FlightDataQueryParams;

/** One flight row as the API serves it. */
export interface FlightDataItem {
  id: string;
  flight: string;
  origin: string;
  destination: string;
  departureTime: string;
  arrivalTime: string | null;
  status: string;
  payload: unknown;
}

/** One page; `nextCursor` is null on the last page. */
export interface QueryFlightDataOutput {
  items: FlightDataItem[];
  nextCursor: string | null;
}

/** What the core needs: somewhere to run SQL and which (configured, never caller-chosen) table to read. */
export interface QueryFlightDataDeps {
  db: SqlRunner;
  table: TableRef;
}

interface Row {
  key_id: string;
  flight: string;
  origin: string;
  destination: string;
  departure_time: Date;
  arrival_time: Date | null;
  status: string;
  payload: unknown;
  departure_key: string;
}

/** Validates the query, reads one keyset page and returns it with the cursor of the next one. */
export async function queryFlightData(
  input: QueryFlightDataInput,
  deps: QueryFlightDataDeps,
): Promise<QueryFlightDataOutput> {
  const query = parseFlightDataQuery(input);
  const statement = pageStatement(query, deps.table);
  const rows = (await runReadOnly(deps.db, statement.text, statement.values)) as Row[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.key_id,
      flight: r.flight,
      origin: r.origin,
      destination: r.destination,
      departureTime: r.departure_time.toISOString(),
      arrivalTime: r.arrival_time ? r.arrival_time.toISOString() : null,
      status: r.status,
      payload: r.payload,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ departure: last.departure_key, id: last.key_id })
        : null,
  };
}

// A pooled connection can die while the container is frozen (the proxy closes idle clients); the
// first query after a thaw then fails. The statement is a read, so one retry on a fresh connection
// is safe. Refused connections and timeouts are not retried: the caller gets a 503 at once.
async function runReadOnly(db: SqlRunner, text: string, values: unknown[]): Promise<unknown[]> {
  try {
    return (await db.query(text, values)).rows;
  } catch (error) {
    if (!isStaleConnection(error)) throw classifyDbError(error);
  }
  try {
    return (await db.query(text, values)).rows;
  } catch (error) {
    throw classifyDbError(error);
  }
}

/** Builds the Lambda handler around injected clients (tests pass their own pool, table and origins). */
export function createFlightDataHandler(deps: FlightDataApiDeps) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(captureLambdaHandler(deps.tracer, { captureResponse: false })) // pages are data, not trace metadata
    .use(injectLambdaContext(deps.logger))
    .use(logMetrics(deps.metrics, { captureColdStartMetric: true }))
    .handler(async (event) => {
      const started = Date.now();
      const response = await flightDataResponse(event, deps, queryFlightData);
      deps.metrics.addMetric('RequestLatency', MetricUnit.Milliseconds, Date.now() - started);
      return response;
    });
}

/** API Gateway (REST, Lambda proxy) entry point: `GET /flightData`. */
export const handler = createFlightDataHandler(flightDataClients());
