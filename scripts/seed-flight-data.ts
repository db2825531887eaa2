/**
 * Creates the flight_data table on the local PostgreSQL and fills it with synthetic rows, for
 * demos and `msk-flows invoke flight-data-api --local`.
 * Usage: `npx tsx scripts/seed-flight-data.ts [rows=2537]` (reads PGHOST, PGPORT, PGDATABASE,
 * PGUSER and FLIGHT_DATA_TABLE like the function itself; re-running adds rows again).
 */
import { insertFlightRows, migrateFlightData, tableRef } from '../tasks/ingest/flightData/schema';
import { syntheticFlightRows } from '../tasks/ingest/flightData/seed';
import { createPgPool, readPgSettings } from '../tasks/shared/db/pool';

const count = Number(process.argv[2] ?? 2537);
if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
  console.error('rows must be an integer from 0 to 1000000');
  process.exit(2);
}
const table = tableRef(process.env.FLIGHT_DATA_TABLE ?? 'flight_data');
const pool = createPgPool(readPgSettings());
try {
  await migrateFlightData(pool, table);
  await insertFlightRows(pool, table, syntheticFlightRows(count));
  console.log(JSON.stringify({ table: table.name, inserted: count }));
} finally {
  await pool.end();
}
