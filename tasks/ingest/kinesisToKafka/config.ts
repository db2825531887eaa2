import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { parseSecretRef } from '../../shared/secrets/secretRef';
import { BridgeConfigError, type BridgeConfigProblem } from './errors';

/**
 * The bridge's environment (the same names in Lambda and in `msk-flows invoke kinesis-to-kafka --local`):
 * - `TARGET_TOPIC` (required): the Kafka topic to produce to.
 * - `KAFKA_BOOTSTRAP_SERVERS` (required): comma-separated `host:port` list.
 * - `KAFKA_AUTH`: `scram` (default), `iam` or `tls`.
 * - `KAFKA_SECRET_ARN`: SCRAM only, required: the `AmazonMSK_…` secret ARN (locally a secret file path).
 * - `KAFKA_TLS`: `true` (default) or `false`; only SCRAM may turn it off (the local SASL_PLAINTEXT broker).
 * - `AWS_REGION`: IAM only (Lambda sets it): the region the MSK IAM tokens are signed for.
 * - `KAFKA_CLIENT_ID`: default `msk-flows-kinesis-to-kafka`.
 * - `DLQ_QUEUE_URL`, `DLQ_BUCKET` (required): where records that can never be produced are parked
 *   (the SQS queue for envelopes, the S3 bucket for claim checks); `DLQ_PREFIX` optional key prefix.
 * - `TOPIC_MAX_MESSAGE_BYTES` (optional): skip DescribeConfigs and use this limit.
 * - `MAX_CHUNK_BYTES` (optional, tuning): cap on one produce request's record bytes.
 * - `KAFKA_COMPRESSION` (optional): the record batches' codec, `none`, `gzip`, `snappy`, `lz4` or `zstd`;
 *   default DEFAULT_BRIDGE_COMPRESSION. Consumers need a client that reads the codec (Kafka's Java client
 *   reads all five; kafkajs needs a plugin for snappy, lz4 and zstd).
 */
export type BridgeEnv = Record<string, string | undefined>;

/** Record batch codecs the bridge can produce with (Kafka's `compression.type` values). */
export const BRIDGE_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type BridgeCompression = (typeof BRIDGE_COMPRESSIONS)[number];

/**
 * The default codec: the most bridge records per CPU-second, measured by `npm run bench -- bridge` on
 * incompressible payload (BENCHMARKS.md; its notes name each run's best codec and how far the default is from it).
 * Pooled over the 20 rounds of four runs on 2026-11-29 (own record batches, two chunks in flight): none 67.0k,
 * snappy 56.4k (−16 %), lz4 44.7k (−33 %), zstd 34.4k, gzip 18.0k; none was best in every run. A stream of
 * compressible records (JSON) trades CPU for bytes with `snappy` or `lz4`.
 */
export const DEFAULT_BRIDGE_COMPRESSION: BridgeCompression = 'none';

/** The bridge's parsed configuration. */
export interface BridgeSettings {
  topic: string;
  connection: KafkaConnectionConfig;
  dlq: { queueUrl: string; bucket: string; prefix?: string };
  compression: BridgeCompression;
  maxMessageBytes?: number;
  maxChunkBytes?: number;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const BROKER = /^[^\s:,]+:\d{1,5}$/;

function positiveInt(env: BridgeEnv, name: string, problems: BridgeConfigProblem[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    problems.push({ variable: name, reason: 'must be a positive integer' });
  return value;
}

function required(env: BridgeEnv, name: string, problems: BridgeConfigProblem[]): string {
  const value = env[name]?.trim() ?? '';
  if (value === '') problems.push({ variable: name, reason: 'is required' });
  return value;
}

function readAuth(env: BridgeEnv, problems: BridgeConfigProblem[]): KafkaConnectionConfig['auth'] {
  const auth = env.KAFKA_AUTH?.trim() || 'scram';
  const tlsRaw = env.KAFKA_TLS?.trim().toLowerCase() || 'true';
  if (tlsRaw !== 'true' && tlsRaw !== 'false')
    problems.push({ variable: 'KAFKA_TLS', reason: 'must be true or false' });
  const tls = tlsRaw !== 'false';
  if (auth === 'scram') {
    const secret = required(env, 'KAFKA_SECRET_ARN', problems);
    if (secret !== '') {
      try {
        parseSecretRef(secret);
      } catch {
        problems.push({
          variable: 'KAFKA_SECRET_ARN',
          reason: 'must be a Secrets Manager ARN or a local file path',
        });
      }
    }
    return { type: 'scram', secret, plaintext: !tls };
  }
  if (auth === 'iam' || auth === 'tls') {
    if (!tls) problems.push({ variable: 'KAFKA_TLS', reason: `must be true with KAFKA_AUTH=${auth}` });
    if (auth === 'tls') return { type: 'tls' };
    return { type: 'iam', region: required(env, 'AWS_REGION', problems) };
  }
  problems.push({ variable: 'KAFKA_AUTH', reason: 'must be scram, iam or tls' });
  return { type: 'tls' };
}

/** Parses and validates the environment; a BridgeConfigError lists every bad variable. */
export function readBridgeSettings(env: BridgeEnv): BridgeSettings {
  const problems: BridgeConfigProblem[] = [];
  const topic = required(env, 'TARGET_TOPIC', problems);
  if (topic !== '' && !TOPIC_NAME.test(topic)) {
    problems.push({ variable: 'TARGET_TOPIC', reason: 'is not a valid Kafka topic name' });
  }
  const brokers = (env.KAFKA_BOOTSTRAP_SERVERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) problems.push({ variable: 'KAFKA_BOOTSTRAP_SERVERS', reason: 'is required' });
  const bad = brokers.filter((b) => !BROKER.test(b));
  if (bad.length > 0) {
    problems.push({
      variable: 'KAFKA_BOOTSTRAP_SERVERS',
      reason: `has entries that are not host:port: ${bad.join(', ')}`,
    });
  }
  const auth = readAuth(env, problems);
  const queueUrl = required(env, 'DLQ_QUEUE_URL', problems);
  const bucket = required(env, 'DLQ_BUCKET', problems);
  const maxMessageBytes = positiveInt(env, 'TOPIC_MAX_MESSAGE_BYTES', problems);
  const maxChunkBytes = positiveInt(env, 'MAX_CHUNK_BYTES', problems);
  const compression = (env.KAFKA_COMPRESSION?.trim().toLowerCase() ||
    DEFAULT_BRIDGE_COMPRESSION) as BridgeCompression;
  if (!BRIDGE_COMPRESSIONS.includes(compression)) {
    problems.push({
      variable: 'KAFKA_COMPRESSION',
      reason: `must be one of ${BRIDGE_COMPRESSIONS.join(', ')}`,
    });
  }
  if (problems.length > 0) throw new BridgeConfigError(problems);
  const prefix = env.DLQ_PREFIX?.trim() || undefined;
  return {
    topic,
    connection: {
      brokers,
      auth,
      clientId: env.KAFKA_CLIENT_ID?.trim() || 'msk-flows-kinesis-to-kafka',
    },
    dlq: { queueUrl, bucket, ...(prefix ? { prefix } : {}) },
    compression,
    ...(maxMessageBytes ? { maxMessageBytes } : {}),
    ...(maxChunkBytes ? { maxChunkBytes } : {}),
  };
}
