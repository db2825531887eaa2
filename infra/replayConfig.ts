import type { Construct } from 'constructs';
import type { ClusterSpec } from '../tasks/onboarding/request/schema';
import type { IngestConfig } from './ingestConfig';

/**
 * Settings of the DLQ replay (CDK context `msk-flows:replay`; cdk.json holds example values):
 * - `cluster` (required): the Kafka cluster scheduled replays produce to, in the request's own shape
 *   (`{ "kind": "msk", "arn" }` or `{ "kind": "self-managed", "bootstrapServers", "adminSecretArn" }`);
 * - `deadLetterTopic`: where the dead-letter queue's envelopes are replayed (default: the bridge's topic);
 * - `readTopics`: topics on-failure records may be read back from (MSK IAM grants `ReadData` on them);
 * - `scheduleMinutes` (15), `ratePerSecond` (1000), `maxMessages` (10,000), `maxSeconds` (600);
 * - `alarmDepth` (messages, 1) and `alarmAgeSeconds` (6 h): DLQ depth and age of the oldest message.
 */
export interface ReplayConfig {
  cluster: ClusterSpec;
  deadLetterTopic: string;
  readTopics: string[];
  scheduleMinutes: number;
  ratePerSecond: number;
  maxMessages: number;
  maxSeconds: number;
  alarmDepth: number;
  alarmAgeSeconds: number;
}

/** Reads `msk-flows:replay`, naming every missing or bad field in one error. */
export function readReplayConfig(scope: Construct, ingest: IngestConfig): ReplayConfig {
  const raw = (scope.node.tryGetContext('msk-flows:replay') ?? {}) as Partial<ReplayConfig>;
  const problems: string[] = [];
  const cluster = raw.cluster as Partial<ClusterSpec> | undefined;
  if (cluster?.kind === 'msk') {
    if (!cluster.arn) problems.push('cluster.arn');
  } else if (cluster?.kind === 'self-managed') {
    if (!cluster.bootstrapServers?.length) problems.push('cluster.bootstrapServers');
    if (!cluster.adminSecretArn) problems.push('cluster.adminSecretArn');
  } else problems.push('cluster (kind msk or self-managed)');
  const whole = (key: keyof ReplayConfig, fallback: number) => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      problems.push(`${key} (a whole number ≥ 1)`);
    return value as number;
  };
  const config: ReplayConfig = {
    cluster: cluster as ClusterSpec,
    deadLetterTopic: raw.deadLetterTopic ?? ingest.bridge.topic,
    readTopics: raw.readTopics ?? [],
    scheduleMinutes: whole('scheduleMinutes', 15),
    ratePerSecond: whole('ratePerSecond', 1000),
    maxMessages: whole('maxMessages', 10_000),
    maxSeconds: whole('maxSeconds', 600),
    alarmDepth: whole('alarmDepth', 1),
    alarmAgeSeconds: whole('alarmAgeSeconds', 6 * 3600),
  };
  if (problems.length > 0)
    throw new Error(`context msk-flows:replay is missing or invalid: ${problems.join(', ')}`);
  return config;
}
