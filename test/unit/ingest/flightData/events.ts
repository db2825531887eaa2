import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { loadEvent } from '../../../helpers/loadEvent';

/** A recorded API Gateway REST event with its query string replaced, both maps kept consistent as AWS does. */
export function flightDataEvent(
  query: Record<string, string | string[]> | null,
  origin?: string,
): APIGatewayProxyEvent {
  const event = loadEvent<APIGatewayProxyEvent>('apigw-flight-data-first-page');
  const multi =
    query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  event.multiValueQueryStringParameters = multi;
  event.queryStringParameters =
    multi && Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.at(-1)]));
  if (origin !== undefined) {
    event.headers = { ...event.headers, origin };
    event.multiValueHeaders = { ...event.multiValueHeaders, origin: [origin] };
  }
  return event;
}

/** The Lambda context the Powertools middlewares read. */
export const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'flight-data-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:flight-data-api',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/flight-data-api',
  logStreamName: '2024/05/24/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
