import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { defaultCredentials } from '../../shared/aws/defaultCredentials';
import { DbConfigError } from '../../shared/db/errors';
import { createPgPool, type PasswordProvider, type PgSettings, readPgSettings } from '../../shared/db/pool';
import { Tracer } from '../../shared/observability/tracer';
import type { FlightDataApiDeps } from './http';
import { parseAllowedOrigins } from './origins';
import { rdsAuthTokenProvider } from './rdsAuthToken';
import { tableRef } from './schema';

const serviceName = 'flight-data-api';

/** The password provider for IAM auth through RDS Proxy: a 15-minute token per new connection, signed with the function's role. */
function iamPasswordProvider(settings: PgSettings, env: NodeJS.ProcessEnv): PasswordProvider | undefined {
  if (!settings.iamAuth) return undefined;
  // Lambda always sets AWS_REGION; elsewhere a token signed for no region would only fail at the proxy.
  const region = env.AWS_REGION;
  if (!region)
    throw new DbConfigError([{ variable: 'AWS_REGION', reason: 'must be set when PG_IAM_AUTH=true' }]);
  return rdsAuthTokenProvider(
    { hostname: settings.host, port: settings.port, username: settings.user, region },
    defaultCredentials(region, env),
  );
}

/**
 * Builds the container's clients from the environment: `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`,
 * `PGSSLMODE`, `PG_IAM_AUTH`, `FLIGHT_DATA_TABLE` (default `flight_data`), `CORS_ALLOWED_ORIGINS`,
 * and Powertools' `POWERTOOLS_*` variables. Call once, at module scope.
 */
export function flightDataClients(
  env: NodeJS.ProcessEnv = process.env,
  password?: PasswordProvider,
): FlightDataApiDeps {
  const logger = new Logger({ serviceName });
  const settings = readPgSettings(env);
  const db = createPgPool(settings, {
    password: password ?? iamPasswordProvider(settings, env),
    // Never log the error message itself: it can carry server text; the code is enough to act on.
    onIdleError: (error) =>
      logger.warn('idle database connection failed', { code: (error as { code?: string }).code }),
  });
  return {
    db,
    table: tableRef(env.FLIGHT_DATA_TABLE ?? 'flight_data'),
    allowedOrigins: parseAllowedOrigins(env.CORS_ALLOWED_ORIGINS ?? ''),
    logger,
    metrics: new Metrics({ serviceName, namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'MskFlows' }),
    tracer: new Tracer({ serviceName }),
  };
}
