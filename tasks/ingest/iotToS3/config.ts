import { IotToS3ConfigError, type SettingProblem } from './errors';

/** How big one S3 object may grow before the batch is split into several. */
export interface ObjectLimits {
  /** `MAX_MESSAGES_PER_OBJECT`: lines per object. */
  maxMessages: number;
  /** `MAX_BYTES_PER_OBJECT`: uncompressed NDJSON bytes per object (a single larger line still gets its own object). */
  maxBytes: number;
}

/** Where parked (unusable) messages go: the DLQ, with S3 claim checks for envelopes too big for SQS. */
export interface DlqSettings {
  queueUrl: string;
  claimCheckBucket: string;
  claimCheckPrefix: string;
}

/** The batcher's settings, all from environment variables. */
export interface IotToS3Settings {
  bucket: string;
  prefix: string;
  limits: ObjectLimits;
  dlq: DlqSettings;
}

/** Defaults: one object per Lambda batch (an SQS batch is ≤ 10,000 messages and ≤ 6 MB). */
export const DEFAULT_LIMITS: ObjectLimits = { maxMessages: 10_000, maxBytes: 16 * 1024 * 1024 };
/** PREFIX when unset. */
export const DEFAULT_PREFIX = 'iot/telemetry';
/** DLQ_CLAIM_CHECK_PREFIX when unset. */
export const DEFAULT_CLAIM_CHECK_PREFIX = 'dlq/iot-to-s3/';

// S3 object keys: printable, no leading slash, no `..` segments; PutObject caps an object at 5 GiB.
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()\-=/]*$/;
const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function integer(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  max: number,
  problems: SettingProblem[],
): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    problems.push({ variable, reason: `must be an integer from 1 to ${max}` });
    return fallback;
  }
  return value;
}

/** Removes leading and trailing slashes: `/a/b/` → `a/b`. */
export function normalisePrefix(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/**
 * Reads and validates `BUCKET` (required), `PREFIX` (default `iot/telemetry`), `MAX_MESSAGES_PER_OBJECT`
 * (default 10000), `MAX_BYTES_PER_OBJECT` (default 16 MiB), `DLQ_QUEUE_URL` (required),
 * `DLQ_CLAIM_CHECK_BUCKET` (default `BUCKET`) and `DLQ_CLAIM_CHECK_PREFIX` (default `dlq/iot-to-s3/`);
 * throws one IotToS3ConfigError naming every bad variable.
 */
export function readIotToS3Settings(env: NodeJS.ProcessEnv = process.env): IotToS3Settings {
  const problems: SettingProblem[] = [];
  const bucket = env.BUCKET ?? '';
  if (!BUCKET_PATTERN.test(bucket))
    problems.push({ variable: 'BUCKET', reason: 'must be an S3 bucket name' });
  const prefix = normalisePrefix(env.PREFIX ?? DEFAULT_PREFIX);
  if (!PREFIX_PATTERN.test(prefix) || prefix.split('/').some((s) => s === '..' || s === '.')) {
    problems.push({ variable: 'PREFIX', reason: "must be a key prefix of letters, digits and !_.*'()-=/" });
  }
  const limits: ObjectLimits = {
    maxMessages: integer(env, 'MAX_MESSAGES_PER_OBJECT', DEFAULT_LIMITS.maxMessages, 1_000_000, problems),
    maxBytes: integer(env, 'MAX_BYTES_PER_OBJECT', DEFAULT_LIMITS.maxBytes, MAX_OBJECT_BYTES, problems),
  };
  const queueUrl = env.DLQ_QUEUE_URL ?? '';
  if (!/^https?:\/\/\S+$/.test(queueUrl))
    problems.push({ variable: 'DLQ_QUEUE_URL', reason: 'must be an SQS queue URL' });
  const claimCheckBucket = env.DLQ_CLAIM_CHECK_BUCKET || bucket;
  if (env.DLQ_CLAIM_CHECK_BUCKET && !BUCKET_PATTERN.test(claimCheckBucket)) {
    problems.push({ variable: 'DLQ_CLAIM_CHECK_BUCKET', reason: 'must be an S3 bucket name' });
  }
  if (problems.length > 0) throw new IotToS3ConfigError(problems);
  return {
    bucket,
    prefix,
    limits,
    dlq: {
      queueUrl,
      claimCheckBucket,
      claimCheckPrefix: env.DLQ_CLAIM_CHECK_PREFIX ?? DEFAULT_CLAIM_CHECK_PREFIX,
    },
  };
}
