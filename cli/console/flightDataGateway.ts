import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { flightDataClients } from '../../tasks/ingest/flightData/clients';
import { createFlightDataHandler } from '../../tasks/ingest/flightData/queryFlightData';

/** The deployed API in front of the handler: who may call it and from which origins. */
export interface FlightDataGatewayOptions {
  /** The `x-api-key` value callers must send (API Gateway's API key + usage plan). */
  apiKey: string;
  /** Browser origins allowed (API Gateway's preflight and the function's `CORS_ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
  /** The function's environment over the local defaults (the machine's PostgreSQL, database `test`). */
  env?: Record<string, string>;
}

/** A local stand-in for API Gateway's `GET /flightData`: answers like the deployed API, then closes. */
export interface FlightDataGateway {
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  close: () => Promise<void>;
}

// What infra/constructs/flightDataApi.ts configures as the resource's CORS preflight.
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type,X-Api-Key',
  'Access-Control-Max-Age': '3600',
};

function eventOf(req: IncomingMessage, url: URL): APIGatewayProxyEvent {
  const multi: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) multi[name] = [...(multi[name] ?? []), value];
  const single = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values.at(-1)]));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  const any = Object.keys(multi).length > 0;
  return {
    resource: '/flightData',
    path: '/flightData',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: {},
    queryStringParameters: any ? (single as Record<string, string>) : null,
    multiValueQueryStringParameters: any ? multi : null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { stage: 'local', httpMethod: 'GET' } as APIGatewayProxyEvent['requestContext'],
  };
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  res.writeHead(result.statusCode, result.headers as Record<string, string>);
  res.end(result.body);
}

/**
 * `GET /flightData` served by the very handler Lambda runs (`tasks/ingest/flightData`), behind what
 * API Gateway does first on AWS: the API key check (403 `{"message":"Forbidden"}`, no CORS headers)
 * and the CORS preflight for the allowed origins.
 */
export function createFlightDataGateway(options: FlightDataGatewayOptions): FlightDataGateway {
  const deps = flightDataClients({
    PGHOST: '127.0.0.1',
    PGPORT: '5432',
    PGDATABASE: 'test',
    PGUSER: 'postgres',
    PGSSLMODE: 'disable',
    ...options.env,
    CORS_ALLOWED_ORIGINS: options.allowedOrigins.join(','),
  });
  const handler = createFlightDataHandler(deps);
  const allowed = new Set(options.allowedOrigins);
  return {
    async handle(req, res, url) {
      const origin = req.headers.origin;
      if (req.method === 'OPTIONS') {
        const cors = origin && allowed.has(origin) ? { 'Access-Control-Allow-Origin': origin } : {};
        res.writeHead(204, { ...PREFLIGHT, ...cors, Vary: 'Origin' });
        res.end();
        return;
      }
      if (req.method !== 'GET') {
        send(res, { statusCode: 403, body: JSON.stringify({ message: 'Missing Authentication Token' }) });
        return;
      }
      if (req.headers['x-api-key'] !== options.apiKey) {
        send(res, {
          statusCode: 403,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ message: 'Forbidden' }),
        });
        return;
      }
      send(res, await handler(eventOf(req, url), { functionName: 'flight-data-api' } as Context));
    },
    close: () => (deps.db as unknown as { end: () => Promise<void> }).end(),
  };
}
