import type { APIGatewayProxyEvent } from 'aws-lambda';
import { flightDataResponse } from '../../../../tasks/ingest/flightData/http';
import {
  createFlightDataHandler,
  queryFlightData,
} from '../../../../tasks/ingest/flightData/queryFlightData';
import { tableRef } from '../../../../tasks/ingest/flightData/schema';
import { flightDataEvent, lambdaContext } from './events';
import { testApiDeps } from './testDeps';

/** A database that fails the test if the handler ever queries it. */
const untouchedDb = {
  query: async () => {
    throw new Error('the database must not be queried for a malformed event');
  },
};
const deps = testApiDeps(untouchedDb, tableRef('flight_data'), ['https://app.example.com']);

/** The recorded first-page event with `change` applied. */
function eventWith(change: (e: Record<string, unknown>) => void): APIGatewayProxyEvent {
  const event = flightDataEvent({ limit: '5' }, 'https://app.example.com') as unknown as Record<
    string,
    unknown
  >;
  change(event);
  return event as unknown as APIGatewayProxyEvent;
}

describe('flightDataResponse on events that are not API Gateway proxy events', () => {
  it.each<[string, unknown, string[]]>([
    ['{}', {}, ['httpMethod is missing', 'requestContext is missing or not an object']],
    ['null', null, ['the event is not an object']],
    ['a list', [], ['the event is not an object']],
    [
      'a query value that is a number',
      eventWith((e) => {
        e.queryStringParameters = { limit: 5 };
      }),
      ['queryStringParameters has 1 value that is not a string'],
    ],
    [
      'a multi-value query that is not a list',
      eventWith((e) => {
        e.multiValueQueryStringParameters = { limit: '5' };
      }),
      ['multiValueQueryStringParameters has 1 value that is not a list of strings'],
    ],
    [
      'headers that are a string',
      eventWith((e) => {
        e.headers = 'origin: x';
      }),
      ['headers is not an object'],
    ],
  ])('answers 400 naming every bad field for %s', async (_what, event, problems) => {
    // Act
    const response = await flightDataResponse(event as APIGatewayProxyEvent, deps, queryFlightData);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      error: `not an API Gateway REST proxy event: ${problems.join('; ')}`,
      problems,
    });
    expect(response.headers?.Vary).toBe('Origin');
  });

  it('answers 405 with Allow: GET for another method, without echoing an odd one', async () => {
    // Prepare
    const post = eventWith((e) => {
      e.httpMethod = 'POST';
    });
    const odd = eventWith((e) => {
      e.httpMethod = '<script>';
    });

    // Act
    const [postResponse, oddResponse] = await Promise.all([
      flightDataResponse(post, deps, queryFlightData),
      flightDataResponse(odd, deps, queryFlightData),
    ]);

    // Assess
    expect(postResponse.statusCode).toBe(405);
    expect(postResponse.headers?.Allow).toBe('GET');
    expect(JSON.parse(postResponse.body).error).toBe('method POST is not allowed: this API answers GET only');
    expect(oddResponse.body).not.toContain('script');
  });

  it('answers the Lambda handler invoked with {} with a 400, not a page', async () => {
    // Prepare
    const handler = createFlightDataHandler(deps);

    // Act
    const response = await handler({} as APIGatewayProxyEvent, lambdaContext);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(
      /^not an API Gateway REST proxy event: httpMethod is missing/,
    );
  });
});
