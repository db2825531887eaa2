import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { flightDataClients } from '../../../tasks/ingest/flightData/clients';
import { createFlightDataHandler } from '../../../tasks/ingest/flightData/queryFlightData';

/**
 * The flight-data API handler for `msk-flows invoke flight-data-api --local`: the same environment as on
 * Lambda, defaulting to the machine's PostgreSQL (127.0.0.1:5432, database `test`, user `postgres`, trust).
 */
export function createLocalHandler(env: Record<string, string>) {
  const deps = flightDataClients({
    PGHOST: '127.0.0.1',
    PGPORT: '5432',
    PGDATABASE: 'test',
    PGUSER: 'postgres',
    PGSSLMODE: 'disable',
    CORS_ALLOWED_ORIGINS: 'http://localhost:3000',
    ...env,
  });
  const handler = createFlightDataHandler(deps);
  return async (event: unknown) => {
    try {
      return await handler(event as APIGatewayProxyEvent, { functionName: 'flight-data-api' } as Context);
    } finally {
      // One invocation per process: close the pool so the CLI exits.
      await (deps.db as unknown as { end?: () => Promise<void> }).end?.();
    }
  };
}
