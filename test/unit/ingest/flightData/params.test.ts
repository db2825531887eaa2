import { FlightDataValidationError } from '../../../../tasks/ingest/flightData/errors';
import { parseInstant } from '../../../../tasks/ingest/flightData/instant';
import { parseFlightDataQuery } from '../../../../tasks/ingest/flightData/params';

function problemsOf(params: Record<string, string>): { parameter: string; reason: string }[] {
  try {
    parseFlightDataQuery(params);
  } catch (error) {
    if (error instanceof FlightDataValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseInstant', () => {
  it.each([
    ['2024-05-01', '2024-05-01T00:00:00.000000Z'],
    ['2024-05-01T10:00Z', '2024-05-01T10:00:00.000000Z'],
    ['2024-02-29T23:59:59.123456+02:00', '2024-02-29T23:59:59.123456+02:00'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000000Z'],
  ])('accepts %s as %s', (value, text) => {
    // Act
    const instant = parseInstant(value);

    // Assess
    expect(instant?.text).toBe(text);
  });

  it.each([
    'notadate',
    '2024-02-30',
    '2023-02-29T00:00:00Z',
    '2024-13-01',
    '2024-05-01T24:00:00Z',
    '2024-05-01T10:00:00',
    '2024-05-01T10:00:00.1234567Z',
    '2024-05-01T10:00:00+16:00',
    '0000-01-01',
    "2024-05-01'; DROP TABLE flight_data; --",
  ])('rejects %s', (value) => {
    // Act
    const instant = parseInstant(value);

    // Assess
    expect(instant).toBeUndefined();
  });

  it('orders instants by their UTC time, offsets and microseconds included', () => {
    // Prepare
    const a = parseInstant('2024-05-01T12:00:00.000001+02:00');
    const b = parseInstant('2024-05-01T10:00:00.000002Z');

    // Act
    const difference = (b?.micros ?? 0n) - (a?.micros ?? 0n);

    // Assess
    expect(difference).toBe(1n);
  });
});

describe('parseFlightDataQuery', () => {
  it('uses a limit of 100 and no filters when the query string is empty', () => {
    // Act
    const query = parseFlightDataQuery({});

    // Assess
    expect(query).toEqual({ limit: 100 });
  });

  it('keeps every valid filter', () => {
    // Act
    const query = parseFlightDataQuery({
      flight: 'BA2490A',
      from: '2024-05-01',
      to: '2024-05-02T00:00Z',
      limit: '1000',
    });

    // Assess
    expect(query.flight).toBe('BA2490A');
    expect(query.from?.text).toBe('2024-05-01T00:00:00.000000Z');
    expect(query.to?.text).toBe('2024-05-02T00:00:00.000000Z');
    expect(query.limit).toBe(1000);
  });

  it.each([
    [{ flight: "' OR 1=1 --" }, 'flight'],
    [{ flight: 'lh123' }, 'flight'],
    [{ limit: '-1' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: '1e2' }, 'limit'],
    [{ limit: '10.5' }, 'limit'],
    [{ from: 'notadate' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2024-05-02', to: '2024-05-01' }, 'from'],
    [{ cursor: 'garbage' }, 'cursor'],
    [{ flight: '' }, 'flight'],
    [{ sort: 'id' }, 'sort'],
  ])('rejects %j naming %s', (params, parameter) => {
    // Act
    const problems = problemsOf(params);

    // Assess
    expect(problems.map((p) => p.parameter)).toEqual([parameter]);
  });

  it('names every bad parameter in one error', () => {
    // Act
    const problems = problemsOf({ flight: 'x', limit: '5000', cursor: '!!', orderBy: '1' });

    // Assess
    expect(problems.map((p) => p.parameter).sort()).toEqual(['cursor', 'flight', 'limit', 'orderBy']);
  });

  it('never echoes a rejected value in the error message', () => {
    // Prepare
    const hostile = "'; DROP TABLE flight_data; --";

    // Act
    const error = (() => {
      try {
        parseFlightDataQuery({ flight: hostile, from: hostile });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();

    // Assess
    expect(error).toBeInstanceOf(FlightDataValidationError);
    expect(error?.message).not.toContain('DROP');
  });

  it('accepts from equal to to', () => {
    // Act
    const query = parseFlightDataQuery({ from: '2024-05-01T10:00:00Z', to: '2024-05-01T12:00:00+02:00' });

    // Assess
    expect(query.from?.micros).toBe(query.to?.micros);
  });
});
