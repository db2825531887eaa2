import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  corsHeaders,
  flightDataResponse,
  singleValuedParams,
} from '../../../../tasks/ingest/flightData/http';
import { parseAllowedOrigins } from '../../../../tasks/ingest/flightData/origins';
import { queryFlightData } from '../../../../tasks/ingest/flightData/queryFlightData';
import { tableRef } from '../../../../tasks/ingest/flightData/schema';
import { DbUnavailableError } from '../../../../tasks/shared/db/errors';
import { loadEvent } from '../../../helpers/loadEvent';
import { flightDataEvent } from './events';
import { testApiDeps } from './testDeps';

const noDb = { query: async () => ({ rows: [] }) };
const deps = testApiDeps(noDb, tableRef('flight_data'), ['https://app.example.com']);

describe('corsHeaders', () => {
  it('echoes an allow-listed Origin with Vary: Origin', () => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-first-page');

    // Act
    const headers = corsHeaders(event, new Set(['https://app.example.com']));

    // Assess
    expect(headers).toEqual({ 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' });
  });

  it('finds the Origin header whatever its case', () => {
    // Prepare
    const event = flightDataEvent({}, undefined);
    event.headers = { Origin: 'https://app.example.com' };

    // Act
    const headers = corsHeaders(event, new Set(['https://app.example.com']));

    // Assess
    expect(headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });

  it.each(['https://evil.example.com', 'https://app.example.com.evil.net', 'null', 'http://app.example.com'])(
    'sends only Vary: Origin for %s',
    (origin) => {
      // Act
      const headers = corsHeaders(flightDataEvent({}, origin), new Set(['https://app.example.com']));

      // Assess
      expect(headers).toEqual({ Vary: 'Origin' });
    },
  );
});

describe('parseAllowedOrigins', () => {
  it('splits and trims the list', () => {
    // Act
    const origins = parseAllowedOrigins(' https://a.example.com, http://localhost:5173 ,');

    // Assess
    expect([...origins]).toEqual(['https://a.example.com', 'http://localhost:5173']);
  });

  it.each(['*', 'https://*.example.com', 'https://a.example.com/', 'app.example.com'])(
    'rejects %s',
    (entry) => {
      // Act
      const attempt = () => parseAllowedOrigins(entry);

      // Assess
      expect(attempt).toThrow('CORS_ALLOWED_ORIGINS');
    },
  );
});

describe('singleValuedParams', () => {
  it('rejects a parameter given twice, naming it', () => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-repeated-flight');

    // Act
    const attempt = () => singleValuedParams(event);

    // Assess
    expect(attempt).toThrow('flight must be given at most once');
  });

  it('reads a null query string as no parameters', () => {
    // Act
    const params = singleValuedParams(loadEvent<APIGatewayProxyEvent>('apigw-flight-data-no-query'));

    // Assess
    expect(params).toEqual({});
  });
});

describe('flightDataResponse', () => {
  it('answers 400 naming the parameter for injection-looking input', async () => {
    // Prepare
    const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-injection');

    // Act
    const response = await flightDataResponse(event, deps, queryFlightData);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ parameter: 'flight' });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });

  it('answers 503 with no internals when the database is unavailable', async () => {
    // Prepare
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:5432'), { code: 'ECONNREFUSED' });
    const query = async () => {
      throw new DbUnavailableError('ECONNREFUSED', { cause });
    };

    // Act
    const response = await flightDataResponse(flightDataEvent({}), deps, query);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(response.body).not.toMatch(/ECONNREFUSED|10\.0\.3\.7|5432/);
  });

  it('answers 500 without the error text for anything unexpected', async () => {
    // Prepare
    const query = async () => {
      throw Object.assign(new Error('relation "flight_data" does not exist'), { code: '42P01' });
    };

    // Act
    const response = await flightDataResponse(flightDataEvent({}), deps, query);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ error: 'internal error' });
  });
});
