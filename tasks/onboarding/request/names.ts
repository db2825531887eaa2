/** Names the workflow derives from a request, in one place so every task derives them the same way. */

/**
 * MSK only associates SCRAM secrets whose name starts with `AmazonMSK_`.
 * https://docs.aws.amazon.com/msk/latest/developerguide/msk-password-tutorial.html
 */
export const MSK_SCRAM_SECRET_PREFIX = 'AmazonMSK_';

/** Step Functions execution names are at most 80 characters. */
const EXECUTION_NAME_MAX = 80;

/** The Secrets Manager (or local store) secret name holding a principal's SCRAM credentials. */
export function secretNameFor(principal: string): string {
  return `${MSK_SCRAM_SECRET_PREFIX}${principal}`;
}

/** The Kafka ACL principal of a SCRAM user: `User:<principal>`. */
export function kafkaPrincipalFor(principal: string): string {
  return `User:${principal}`;
}

/** The consumer group Kafka Connect uses for a sink connector: `connect-<connector>`. */
export function connectorGroupFor(connector: string): string {
  return `connect-${connector}`;
}

/**
 * The Step Functions execution name for a request: the requestId itself, so starting the same request
 * twice is deduplicated by Step Functions. An optional suffix (`offboard`, `2` …) is appended with `-`,
 * shortening the requestId when needed to stay within 80 characters.
 */
export function executionNameFor(requestId: string, suffix?: string): string {
  if (!suffix) return requestId.slice(0, EXECUTION_NAME_MAX);
  const tail = `-${suffix}`.slice(0, EXECUTION_NAME_MAX);
  return `${requestId.slice(0, EXECUTION_NAME_MAX - tail.length)}${tail}`;
}
