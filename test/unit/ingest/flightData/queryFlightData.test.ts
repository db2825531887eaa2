import { decodeCursor } from '../../../../tasks/ingest/flightData/cursor';
import { queryFlightData } from '../../../../tasks/ingest/flightData/queryFlightData';
import { tableRef } from '../../../../tasks/ingest/flightData/schema';
import { DbUnavailableError } from '../../../../tasks/shared/db/errors';

const table = tableRef('flight_data');
const row = (id: number) => ({
  key_id: String(id),
  flight: 'LH123',
  origin: 'FRA',
  destination: 'LHR',
  departure_time: new Date('2024-05-01T10:00:00.123Z'),
  arrival_time: null,
  status: 'scheduled',
  payload: {},
  departure_key: '2024-05-01T10:00:00.123456Z',
});

/** A stand-in for the pool that answers from a script of results and errors, recording each call. */
function scriptedDb(script: (object | Error)[]) {
  const calls: { text: string; values: unknown[] }[] = [];
  return {
    calls,
    query: async (text: string, values: unknown[] = []) => {
      calls.push({ text, values });
      const next = script.shift();
      if (next instanceof Error) throw next;
      return next as { rows: unknown[] };
    },
  };
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('queryFlightData', () => {
  it('asks for one row more than the limit and turns the last served row into the cursor', async () => {
    // Prepare
    const db = scriptedDb([{ rows: [row(1), row(2), row(3)] }]);

    // Act
    const page = await queryFlightData({ limit: '2' }, { db, table });

    // Assess
    expect(db.calls[0]?.values).toEqual([3]);
    expect(page.items.map((i) => i.id)).toEqual(['1', '2']);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({
      departure: '2024-05-01T10:00:00.123456Z',
      id: '2',
    });
  });

  it('returns a null cursor when the extra row is absent', async () => {
    // Prepare
    const db = scriptedDb([{ rows: [row(1), row(2)] }]);

    // Act
    const page = await queryFlightData({ limit: '2' }, { db, table });

    // Assess
    expect(page.nextCursor).toBeNull();
  });

  it('retries once on a fresh connection when the pooled one was dropped', async () => {
    // Prepare
    const db = scriptedDb([withCode('read ECONNRESET', 'ECONNRESET'), { rows: [row(1)] }]);

    // Act
    const page = await queryFlightData({}, { db, table });

    // Assess
    expect(db.calls).toHaveLength(2);
    expect(page.items).toHaveLength(1);
  });

  it('gives up with DbUnavailableError when the retry fails too', async () => {
    // Prepare
    const db = scriptedDb([
      new Error('Connection terminated unexpectedly'),
      withCode('connect ECONNREFUSED', 'ECONNREFUSED'),
    ]);

    // Act
    const attempt = queryFlightData({}, { db, table });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'DbUnavailableError', code: 'ECONNREFUSED' });
    expect(db.calls).toHaveLength(2);
  });

  it('does not retry a refused connection or a timeout', async () => {
    // Prepare
    const db = scriptedDb([new Error('timeout exceeded when trying to connect')]);

    // Act
    const attempt = queryFlightData({}, { db, table });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(DbUnavailableError);
    expect(db.calls).toHaveLength(1);
  });

  it('passes a query error through unchanged', async () => {
    // Prepare
    const missing = withCode('relation "flight_data" does not exist', '42P01');
    const db = scriptedDb([missing]);

    // Act
    const attempt = queryFlightData({}, { db, table });

    // Assess
    await expect(attempt).rejects.toBe(missing);
    expect(db.calls).toHaveLength(1);
  });

  it('never reaches the database for an invalid query', async () => {
    // Prepare
    const db = scriptedDb([]);

    // Act
    const attempt = queryFlightData({ flight: "' OR 1=1 --" }, { db, table });

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'FlightDataValidationError' });
    expect(db.calls).toHaveLength(0);
  });
});
