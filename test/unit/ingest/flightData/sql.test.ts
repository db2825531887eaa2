import { parseFlightDataQuery } from '../../../../tasks/ingest/flightData/params';
import { tableRef } from '../../../../tasks/ingest/flightData/schema';
import { pageStatement } from '../../../../tasks/ingest/flightData/sql';

describe('pageStatement', () => {
  it('binds every caller value as a parameter and keeps it out of the SQL text', () => {
    // Prepare
    const query = parseFlightDataQuery({ flight: 'LH123', from: '2024-05-01', to: '2024-05-02', limit: '7' });
    query.after = { departure: '2024-05-01T10:00:00.000001Z', id: '42' };

    // Act
    const { text, values } = pageStatement(query, tableRef('flight_data'));

    // Assess
    expect(values).toEqual([
      'LH123',
      '2024-05-01T00:00:00.000000Z',
      '2024-05-02T00:00:00.000000Z',
      '2024-05-01T10:00:00.000001Z',
      '42',
      8,
    ]);
    for (const value of values) expect(text).not.toContain(String(value));
    expect(text).toContain('(departure_time, id) > ($4::timestamptz, $5::bigint)');
    expect(text).toContain('ORDER BY departure_time, id');
    expect(text).toContain('LIMIT $6::integer');
  });

  it('has no WHERE clause without filters', () => {
    // Act
    const { text, values } = pageStatement(parseFlightDataQuery({}), tableRef('analytics.flight_data'));

    // Assess
    expect(text).not.toContain('WHERE');
    expect(text).toContain('FROM "analytics"."flight_data"');
    expect(values).toEqual([101]);
  });
});

describe('tableRef', () => {
  it.each(['flight_data; DROP TABLE x', 'Flight', 'a.b.c', '"x"', `t${'x'.repeat(40)}`, ''])(
    'rejects %s',
    (name) => {
      // Act
      const attempt = () => tableRef(name);

      // Assess
      expect(attempt).toThrow('FLIGHT_DATA_TABLE');
    },
  );
});
