import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Pool } from 'pg';
import { type QueryFlightDataDeps, queryFlightData } from '../../../tasks/ingest/flightData/queryFlightData';
import { type TableRef, tableRef } from '../../../tasks/ingest/flightData/schema';
import { createPgPool, readPgSettings } from '../../../tasks/shared/db/pool';

/** A pool on the machine's PostgreSQL (127.0.0.1:5432, trust auth, database `test`), as in Lambda but local. */
export function localPool(port = 5432): Pool {
  return createPgPool(
    readPgSettings({ PGHOST: '127.0.0.1', PGPORT: String(port), PGDATABASE: 'test', PGUSER: 'postgres' }),
  );
}

/** A table name no other test uses. */
export function uniqueTable(): TableRef {
  return tableRef(`flight_data_${randomBytes(6).toString('hex')}`);
}

/** A TCP port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Follows `nextCursor` from the first page to the last, collecting item ids in the order served. */
export async function walkAllPages(
  params: Record<string, string>,
  deps: QueryFlightDataDeps,
): Promise<{ ids: string[]; pages: number; pageSizes: number[] }> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await queryFlightData(cursor ? { ...params, cursor } : params, deps);
    ids.push(...page.items.map((item) => item.id));
    pageSizes.push(page.items.length);
    cursor = page.nextCursor;
    if (pageSizes.length > 10_000) throw new Error('pagination does not end');
  } while (cursor);
  return { ids, pages: pageSizes.length, pageSizes };
}
