import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { FlightDataApiDeps } from '../../../../tasks/ingest/flightData/http';
import type { SqlRunner, TableRef } from '../../../../tasks/ingest/flightData/schema';
import { Tracer } from '../../../../tasks/shared/observability/tracer';

/** Quiet Powertools instances plus the given pool, table and allow-list. */
export function testApiDeps(db: SqlRunner, table: TableRef, origins: string[]): FlightDataApiDeps {
  // Metrics read POWERTOOLS_METRICS_DISABLED when constructed: no EMF lines in test output.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  return {
    db,
    table,
    allowedOrigins: new Set(origins),
    logger: new Logger({ serviceName: 'flight-data-api-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ serviceName: 'flight-data-api-test', namespace: 'MskFlowsTest' }),
    tracer: new Tracer({ serviceName: 'flight-data-api-test', enabled: false }),
  };
}
