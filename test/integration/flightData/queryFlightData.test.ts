import type { Pool } from 'pg';
import { FlightDataValidationError } from '../../../tasks/ingest/flightData/errors';
import { queryFlightData } from '../../../tasks/ingest/flightData/queryFlightData';
import { dropFlightData, insertFlightRows, migrateFlightData } from '../../../tasks/ingest/flightData/schema';
import { syntheticFlightRows } from '../../../tasks/ingest/flightData/seed';
import { DbUnavailableError } from '../../../tasks/shared/db/errors';
import { closedPort, localPool, uniqueTable, walkAllPages } from './support';

const rowCount = 2537;
const pool: Pool = localPool();
const table = uniqueTable();
const deps = { db: pool, table };

/** The ids the database itself orders by the API's key, with the same filters written by hand. */
async function expectedIds(where = '', values: unknown[] = []): Promise<string[]> {
  // Ordered by the bigint column: an output alias named `id` would make ORDER BY sort text.
  const result = await pool.query<{ text_id: string }>(
    `SELECT id::text AS text_id FROM ${table.sql} ${where} ORDER BY departure_time, id`,
    values,
  );
  return result.rows.map((r) => r.text_id);
}

async function rejection(params: Record<string, string>): Promise<string[]> {
  try {
    await queryFlightData(params, deps);
  } catch (error) {
    if (error instanceof FlightDataValidationError) return error.problems.map((p) => p.parameter);
    throw error;
  }
  return [];
}

beforeAll(async () => {
  await migrateFlightData(pool, table);
  await insertFlightRows(pool, table, syntheticFlightRows(rowCount));
});

afterAll(async () => {
  await dropFlightData(pool, table);
  await pool.end();
});

describe('queryFlightData on PostgreSQL', () => {
  it('walks every row exactly once in (departure_time, id) order with limit 100', async () => {
    // Prepare
    const expected = await expectedIds();

    // Act
    const walk = await walkAllPages({ limit: '100' }, deps);

    // Assess
    expect(expected).toHaveLength(rowCount);
    expect(walk.ids).toEqual(expected);
    expect(new Set(walk.ids).size).toBe(rowCount);
    expect(walk.pages).toBe(26);
    expect(walk.pageSizes.slice(0, 25).every((n) => n === 100)).toBe(true);
    expect(walk.pageSizes.at(-1)).toBe(37);
  });

  it('walks every matching row exactly once with flight, from and to filters', async () => {
    // Prepare
    const params = {
      flight: 'LH123',
      from: '2024-05-02T06:00:00+02:00',
      to: '2024-05-08T12:30:00.5Z',
      limit: '7',
    };
    const expected = await expectedIds(
      'WHERE flight = $1 AND departure_time >= $2::timestamptz AND departure_time <= $3::timestamptz',
      ['LH123', '2024-05-02T04:00:00Z', '2024-05-08T12:30:00.5Z'],
    );

    // Act
    const walk = await walkAllPages(params, deps);

    // Assess
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThan(rowCount / 10);
    expect(walk.ids).toEqual(expected);
  });

  it('serves the default page of 100 when no limit is given', async () => {
    // Act
    const page = await queryFlightData({}, deps);

    // Assess
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).not.toBeNull();
    expect(page.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9]+$/),
      flight: expect.any(String),
      origin: expect.any(String),
      destination: expect.any(String),
      departureTime: expect.stringMatching(/^2024-05-01T00:00:00\.\d{3}Z$/),
      arrivalTime: null, // the first row inserted, seed row 0, has no arrival time
      status: expect.any(String),
      payload: expect.objectContaining({ gate: expect.any(String) }),
    });
  });

  it('walks the table in 3 pages at the maximum limit of 1000', async () => {
    // Act
    const walk = await walkAllPages({ limit: '1000' }, deps);

    // Assess
    expect(walk.pageSizes).toEqual([1000, 1000, 537]);
  });

  it('returns an empty last page, not an error, for a flight with no rows', async () => {
    // Act
    const page = await queryFlightData({ flight: 'ZZ9999' }, deps);

    // Assess
    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    [{ flight: "' OR 1=1 --" }, 'flight'],
    [{ flight: "LH123' UNION SELECT usename FROM pg_user --" }, 'flight'],
    [{ cursor: 'garbage' }, 'cursor'],
    [{ limit: '-1' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ from: 'notadate' }, 'from'],
    [{ from: "2024-05-01'; DROP TABLE flight_data; --" }, 'from'],
    [{ from: '2024-05-03T00:00:00Z', to: '2024-05-02T00:00:00Z' }, 'from'],
  ])('rejects %j naming %s and leaves the table intact', async (params, parameter) => {
    // Act
    const parameters = await rejection(params);

    // Assess
    expect(parameters).toEqual([parameter]);
    const count = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table.sql}`);
    expect(count.rows[0]?.n).toBe(String(rowCount));
  });

  it('serves the next request after the database dropped the pooled connection', async () => {
    // Prepare
    const before = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = before.rows[0]?.pid;
    const admin = localPool();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();

    // Act
    const page = await queryFlightData({ limit: '5' }, deps);

    // Assess
    expect(page.items).toHaveLength(5);
  });

  it('throws DbUnavailableError when nothing listens on the database port', async () => {
    // Prepare
    const deadPool = localPool(await closedPort());

    // Act
    const attempt = queryFlightData({}, { db: deadPool, table });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(DbUnavailableError);
    await deadPool.end();
  });
});
