import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidApiEventError, MethodNotAllowedError } from './errors';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A problem when `value` is neither absent/null nor an object whose values pass `valid`. */
function mapProblem(name: string, value: unknown, valid: (v: unknown) => boolean, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return [`${name} is not an object`];
  const bad = Object.entries(value).filter(([, v]) => !valid(v)).length;
  return bad > 0
    ? [`${name} has ${bad} value${bad === 1 ? '' : 's'} that ${bad === 1 ? 'is' : 'are'} not ${what}`]
    : [];
}

const isString = (v: unknown) => typeof v === 'string';
const isStringList = (v: unknown) => Array.isArray(v) && v.every(isString);

/**
 * Checks that `event` is what API Gateway's REST Lambda proxy integration sends, as far as this API reads
 * it: an `httpMethod`, a `requestContext`, and header and query string maps of strings (or null). Throws
 * InvalidApiEventError naming every bad field (never a value), or MethodNotAllowedError for a method other
 * than GET (API Gateway routes only GET here; anything else is a direct invoke).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export function checkApiEvent(event: unknown): APIGatewayProxyEvent {
  if (!isObject(event)) throw new InvalidApiEventError(['the event is not an object']);
  const problems: string[] = [];
  const method = event.httpMethod;
  if (typeof method !== 'string' || method === '') problems.push('httpMethod is missing');
  if (!isObject(event.requestContext)) problems.push('requestContext is missing or not an object');
  problems.push(
    ...mapProblem('headers', event.headers, isString, 'a string'),
    ...mapProblem('queryStringParameters', event.queryStringParameters, isString, 'a string'),
    ...mapProblem(
      'multiValueQueryStringParameters',
      event.multiValueQueryStringParameters,
      isStringList,
      'a list of strings',
    ),
  );
  if (problems.length > 0) throw new InvalidApiEventError(problems);
  if (method !== 'GET') throw new MethodNotAllowedError(method as string);
  return event as unknown as APIGatewayProxyEvent;
}
