/**
 * Name rules of a replay request, kept as plain ECMAScript regular expressions without flags (they
 * become `pattern`s in the JSON Schema).
 */

/** `replayId` becomes the Step Functions execution name: 1–80 of `[A-Za-z0-9_-]`. */
export const REPLAY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * An SQS queue URL: `<scheme>://<host>[:port]/<12-digit account>/<name>`, the name 1–80 of
 * `[A-Za-z0-9_-]` plus `.fifo` for FIFO queues (ElasticMQ's local URLs have the same shape).
 */
export const QUEUE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** A Lambda function ARN, optionally with a version or alias, in any partition. */
export const FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

/** S3 bucket names (general purpose): 3–63 of lowercase letters, digits, `.` and `-`. */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A parking key prefix: S3 key characters that need no escaping, ending with `/`. */
export const KEY_PREFIX = /^[A-Za-z0-9!_.*'()/-]{1,200}\/$/;
