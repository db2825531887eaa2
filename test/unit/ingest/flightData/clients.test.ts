import { describe, expect, it } from '@jest/globals';
import { flightDataClients } from '../../../../tasks/ingest/flightData/clients';
import { DbConfigError } from '../../../../tasks/shared/db/errors';

const IAM_ENV = {
  PGHOST: 'flight-data.proxy-abc123xyz.eu-west-1.rds.amazonaws.com',
  PGUSER: 'flight_reader',
  PGSSLMODE: 'verify-full',
  PG_IAM_AUTH: 'true',
};

describe('flightDataClients', () => {
  it('refuses IAM auth without AWS_REGION, naming the variable, before any connection', () => {
    // Act
    const attempt = () => flightDataClients(IAM_ENV);

    // Assess
    expect(attempt).toThrow(DbConfigError);
    expect(attempt).toThrow('AWS_REGION must be set when PG_IAM_AUTH=true');
  });

  it('signs the pool password as an RDS IAM token for the proxy, its port and user, from the environment', async () => {
    // Prepare
    const { db } = flightDataClients({
      ...IAM_ENV,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'ASIALAMBDA',
      AWS_SECRET_ACCESS_KEY: 'from-env',
    });

    // Act
    // The runner is a pg Pool: its password option is what each new connection asks for.
    const pool = db as unknown as { options: { password: () => Promise<string> }; end(): Promise<void> };
    const token = await pool.options.password();
    await pool.end();

    // Assess
    expect(token.startsWith(`${IAM_ENV.PGHOST}:5432/?Action=connect&DBUser=flight_reader&`)).toBe(true);
    expect(token).toContain('X-Amz-Credential=ASIALAMBDA%2F');
    expect(token).toContain('%2Feu-west-1%2Frds-db%2Faws4_request');
  });
});
