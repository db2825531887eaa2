import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Pool } from 'pg';
import { createFlightDataHandler } from '../../../tasks/ingest/flightData/queryFlightData';
import { dropFlightData, insertFlightRows, migrateFlightData } from '../../../tasks/ingest/flightData/schema';
import { syntheticFlightRows } from '../../../tasks/ingest/flightData/seed';
import { loadEvent } from '../../helpers/loadEvent';
import { flightDataEvent, lambdaContext } from '../../unit/ingest/flightData/events';
import { testApiDeps } from '../../unit/ingest/flightData/testDeps';
import { closedPort, localPool, uniqueTable } from './support';

const allowed = ['https://app.example.com', 'http://localhost:5173'];
const pool: Pool = localPool();
const table = uniqueTable();
const handler = createFlightDataHandler(testApiDeps(pool, table, allowed));

beforeAll(async () => {
  await migrateFlightData(pool, table);
  await insertFlightRows(pool, table, syntheticFlightRows(250));
});

afterAll(async () => {
  await dropFlightData(pool, table);
  await pool.end();
});

describe('flight data API handler', () => {
  it('serves the first page with CORS headers for an allowed origin', async () => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-first-page');

    // Act
    const response = await handler(event, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      Vary: 'Origin',
      'Content-Type': 'application/json',
    });
    const body = JSON.parse(response.body);
    expect(body.items).toHaveLength(100);
    expect(typeof body.nextCursor).toBe('string');
  });

  it('serves the filtered fixture with only its flight, inside its window', async () => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-filtered');

    // Act
    const response = await handler(event, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
    const items: { flight: string; departureTime: string }[] = JSON.parse(response.body).items;
    expect(items.length).toBe(25);
    expect(items.every((i) => i.flight === 'LH123' && i.departureTime < '2024-05-06')).toBe(true);
  });

  it('leaves out Access-Control-Allow-Origin for an origin not on the list', async () => {
    // Prepare
    const event = flightDataEvent({ limit: '1' }, 'https://evil.example.com');

    // Act
    const response = await handler(event, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect(response.headers?.Vary).toBe('Origin');
  });

  it('follows nextCursor through every row exactly once', async () => {
    // Prepare
    const ids: string[] = [];
    let cursor: string | null = null;

    // Act
    do {
      const event = flightDataEvent(cursor ? { limit: '100', cursor } : { limit: '100' });
      const response = await handler(event, lambdaContext);
      const body: { items: { id: string }[]; nextCursor: string | null } = JSON.parse(response.body);
      ids.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);

    // Assess
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('reuses one pooled connection across sequential invocations', async () => {
    // Prepare
    const event = flightDataEvent({ limit: '1' });

    // Act
    for (let i = 0; i < 5; i += 1) await handler(event, lambdaContext);

    // Assess
    expect(pool.totalCount).toBe(1);
  });

  it.each([
    ['apigw-flight-data-injection', 'flight'],
    ['apigw-flight-data-repeated-flight', 'flight'],
  ])('answers 400 to %s naming %s', async (fixture, parameter) => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>(fixture);

    // Act
    const response = await handler(event, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ parameter, error: expect.stringContaining(parameter) });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });

  it.each([
    [{ cursor: 'garbage' }, 'cursor'],
    [{ limit: '-1' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ from: 'notadate' }, 'from'],
    [{ from: '2024-05-02', to: '2024-05-01' }, 'from'],
    [{ flight: 'LH123', page: '2' }, 'page'],
  ])('answers 400 to %j naming %s', async (query, parameter) => {
    // Act
    const response = await handler(flightDataEvent(query), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).parameter).toBe(parameter);
  });

  it('answers 503 without internals when the database port is closed', async () => {
    // Prepare
    const port = await closedPort();
    const deadPool = localPool(port);
    const deadHandler = createFlightDataHandler(testApiDeps(deadPool, table, allowed));

    // Act
    const response = await deadHandler(flightDataEvent({ limit: '10' }), lambdaContext);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({
      error: 'flight data is temporarily unavailable, retry later',
    });
    expect(response.body).not.toMatch(new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${port}|${table.name}`));
    await deadPool.end();
  });
});
