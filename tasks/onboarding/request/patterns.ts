/**
 * The name rules of an onboarding request, as regular expressions (they also end up as `pattern`s in
 * the JSON Schema, so keep them plain ECMAScript without flags) and as reasons a person can act on.
 */

/**
 * Step Functions execution names are 1–80 characters; only `[A-Za-z0-9_-]` keeps CloudWatch Logs
 * logging possible. The execution name derives from `requestId`, so the same rule applies.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export const REQUEST_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Principal (the SCRAM user name). Deliberately narrower than every system it lands in:
 * - the secret `AmazonMSK_<principal>` must be a Secrets Manager name (`[A-Za-z0-9/_+=.@-]`, ≤ 512);
 * - SCRAM (RFC 5802 §5.1) escapes `,` and `=` in user names, which JAAS strings and CLI tools mishandle;
 * - it is used unescaped in the ACL principal `User:<principal>` (`User:*` would be the wildcard) and
 *   as the local store's file name `.local/secrets/AmazonMSK_<principal>.json` (no `/`);
 * - a leading `.` or `-` reads as a hidden file or a command-line option.
 * Hence letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 128 characters.
 */
export const PRINCIPAL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Kafka topic names (`org.apache.kafka.common.internals.Topic`): 1–249 of `[a-zA-Z0-9._-]`, never
 * `.` or `..` (they would be directories in the log dir). We also refuse names starting with `__`,
 * which belong to Kafka and MSK themselves (`__consumer_offsets`, `__amazon_msk_canary` …).
 */
export const TOPIC_NAME = /^(?!\.\.?$)(?!__)[a-zA-Z0-9._-]{1,249}$/;
const TOPIC_MAX = 249;
/** A prefixed grant shorter than this would cover most of a cluster: least privilege says name more. */
export const PREFIX_MIN = 3;

/**
 * Consumer groups, transactional ids and connector names: Kafka allows almost any string, but `*`
 * is the ACL wildcard and the Lambda Kafka trigger caps group ids at 200 characters, so we keep to
 * the topic alphabet and that length.
 */
export const RESOURCE_ID = /^[A-Za-z0-9._-]{1,200}$/;
/** Connector names: MSK Connect allows 1–128 characters; the sink's group is `connect-<name>`. */
export const CONNECTOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * `host:port` with a DNS name, an IPv4 address or a bracketed IPv6 address, port 1–65535
 * (the port alternatives spell out the range because a pattern cannot compare numbers).
 */
export const HOST_PORT =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]):(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})$/;

/** Kafka config keys are lower-case dotted words: `retention.ms`, `min.insync.replicas`. */
export const CONFIG_KEY = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/;

/**
 * Tags end up on the Secrets Manager secret: keys ≤ 127, values ≤ 255, at most 50 per secret of
 * which the workflow uses a few; `aws:` is reserved. ASCII subset of the AWS tag alphabet.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html
 */
export const TAG_KEY = /^(?!aws:)[A-Za-z0-9 _.:/=+@-]{1,127}$/;
export const TAG_VALUE = /^[A-Za-z0-9 _.:/=+@-]{0,255}$/;
export const TAGS_MAX = 40;

/** Why a string is not a legal Kafka topic name (only called when {@link TOPIC_NAME} did not match). */
export function topicNameProblem(name: string): string {
  if (name.length === 0) return 'must not be empty';
  if (name.length > TOPIC_MAX) return `is ${name.length} characters, Kafka allows at most ${TOPIC_MAX}`;
  if (name === '.' || name === '..') return 'Kafka does not allow "." or ".." as a topic name';
  if (name.startsWith('__')) return 'names starting with "__" are reserved for Kafka\'s internal topics';
  return `${JSON.stringify(name)} is not a legal Kafka topic name: only letters, digits, '.', '_' and '-'`;
}

/** Why a principal name is unfit for SCRAM and for an `AmazonMSK_` secret name. */
export function principalProblem(name: string): string {
  if (name.startsWith('User:')) return 'give the bare user name, without "User:"';
  if (name.length === 0 || name.length > 128) return `must be 1–128 characters, got ${name.length}`;
  return (
    `${JSON.stringify(name)} is unfit for a SCRAM user and an AmazonMSK_ secret name: ` +
    `use letters, digits, '.', '_' and '-', starting with a letter or digit`
  );
}
