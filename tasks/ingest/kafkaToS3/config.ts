import { KafkaToS3ConfigError, type SettingProblem } from './errors';
import { PAYLOAD_ENCODINGS, type PayloadEncoding } from './lines';

/** The consumer's settings, all from environment variables. */
export interface KafkaToS3Settings {
  bucket: string;
  /** Key prefix without leading/trailing slashes; '' puts topics at the bucket's root. */
  prefix: string;
  /** SSE-KMS with this customer-managed key (and an S3 Bucket Key); unset: the bucket's default encryption. */
  kmsKeyArn?: string;
  encoding: PayloadEncoding;
  /** PutObject calls in flight at once. */
  concurrency: number;
  /** Where malformed records are parked; unset: they are reported for re-delivery instead. */
  dlq?: DlqSettings;
}

/** The DLQ for malformed records, with S3 claim checks for envelopes too big for SQS. */
export interface DlqSettings {
  queueUrl: string;
  claimCheckBucket: string;
  claimCheckPrefix: string;
}

/** PREFIX when unset: Kafka Connect's S3 sink default `topics.dir`. */
export const DEFAULT_PREFIX = 'topics';
/** PUT_CONCURRENCY when unset. */
export const DEFAULT_CONCURRENCY = 8;
/** DLQ_CLAIM_CHECK_PREFIX when unset. */
export const DEFAULT_CLAIM_CHECK_PREFIX = 'dlq/kafka-to-s3/';

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()\-=/]*$/;
const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/;

/**
 * Reads and validates `BUCKET` (required), `PREFIX` (default `topics`), `KMS_KEY_ARN` (optional),
 * `PAYLOAD_ENCODING` (`base64` default, `utf8` or `json`), `PUT_CONCURRENCY` (1–64, default 8), and the DLQ
 * for malformed records: `DLQ_QUEUE_URL` (optional: without it they are reported for re-delivery, which
 * retries them until the event source mapping gives up), `DLQ_CLAIM_CHECK_BUCKET` (default `BUCKET`),
 * `DLQ_CLAIM_CHECK_PREFIX` (default `dlq/kafka-to-s3/`). Throws one KafkaToS3ConfigError naming every bad
 * variable.
 */
export function readKafkaToS3Settings(env: NodeJS.ProcessEnv = process.env): KafkaToS3Settings {
  const problems: SettingProblem[] = [];
  const bucket = env.BUCKET ?? '';
  if (!BUCKET_PATTERN.test(bucket))
    problems.push({ variable: 'BUCKET', reason: 'must be an S3 bucket name' });
  const prefix = (env.PREFIX ?? DEFAULT_PREFIX).replace(/^\/+|\/+$/g, '');
  const badSegment = prefix.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (prefix !== '' && (!PREFIX_PATTERN.test(prefix) || badSegment)) {
    problems.push({ variable: 'PREFIX', reason: "must be a key prefix of letters, digits and !_.*'()-=/" });
  }
  const kmsKeyArn = env.KMS_KEY_ARN || undefined;
  if (kmsKeyArn && !KMS_KEY_ARN_PATTERN.test(kmsKeyArn)) {
    problems.push({ variable: 'KMS_KEY_ARN', reason: 'must be a KMS key or alias ARN' });
  }
  const encoding = (env.PAYLOAD_ENCODING || 'base64') as PayloadEncoding;
  if (!PAYLOAD_ENCODINGS.includes(encoding)) {
    problems.push({ variable: 'PAYLOAD_ENCODING', reason: `must be one of ${PAYLOAD_ENCODINGS.join(', ')}` });
  }
  const rawConcurrency = env.PUT_CONCURRENCY || String(DEFAULT_CONCURRENCY);
  const concurrency = Number(rawConcurrency);
  if (!/^\d+$/.test(rawConcurrency) || concurrency < 1 || concurrency > 64) {
    problems.push({ variable: 'PUT_CONCURRENCY', reason: 'must be an integer from 1 to 64' });
  }
  const dlq = readDlqSettings(env, bucket, problems);
  if (problems.length > 0) throw new KafkaToS3ConfigError(problems);
  return {
    bucket,
    prefix,
    ...(kmsKeyArn ? { kmsKeyArn } : {}),
    encoding,
    concurrency,
    ...(dlq ? { dlq } : {}),
  };
}

function readDlqSettings(
  env: NodeJS.ProcessEnv,
  bucket: string,
  problems: SettingProblem[],
): DlqSettings | undefined {
  const queueUrl = env.DLQ_QUEUE_URL || undefined;
  if (queueUrl && !/^https?:\/\/\S+$/.test(queueUrl))
    problems.push({ variable: 'DLQ_QUEUE_URL', reason: 'must be an SQS queue URL' });
  const claimCheckBucket = env.DLQ_CLAIM_CHECK_BUCKET || bucket;
  if (env.DLQ_CLAIM_CHECK_BUCKET && !BUCKET_PATTERN.test(claimCheckBucket)) {
    problems.push({ variable: 'DLQ_CLAIM_CHECK_BUCKET', reason: 'must be an S3 bucket name' });
  }
  if (!queueUrl && (env.DLQ_CLAIM_CHECK_BUCKET || env.DLQ_CLAIM_CHECK_PREFIX)) {
    problems.push({ variable: 'DLQ_QUEUE_URL', reason: 'is required when a DLQ claim check is configured' });
  }
  const claimCheckPrefix = env.DLQ_CLAIM_CHECK_PREFIX ?? DEFAULT_CLAIM_CHECK_PREFIX;
  return queueUrl ? { queueUrl, claimCheckBucket, claimCheckPrefix } : undefined;
}
