import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ClusterSpec } from '../tasks/onboarding/request/schema';
import type { IngestConfig } from './ingestConfig';

/**
 * The cluster scheduled replays produce to, by name (ARNs are built with the stack's partition, Region and
 * account, never written by hand): self-managed brokers with the full name of their admin secret (the name
 * plus the 6-character suffix Secrets Manager adds), or an MSK cluster by name and UUID.
 */
export type ReplayClusterConfig =
  | { kind: 'self-managed'; bootstrapServers: string[]; adminSecretName: string }
  | { kind: 'msk'; clusterName: string; clusterUuid: string; adminSecretName?: string };

/** The request's cluster for a stack: ARNs as tokens of its partition, Region and account. */
export function clusterSpecOf(scope: Construct, cluster: ReplayClusterConfig): ClusterSpec {
  const stack = Stack.of(scope);
  const secret = (name: string) =>
    stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  if (cluster.kind === 'self-managed') {
    return {
      kind: 'self-managed',
      bootstrapServers: cluster.bootstrapServers,
      adminSecretArn: secret(cluster.adminSecretName),
    };
  }
  const arn = stack.formatArn({
    service: 'kafka',
    resource: 'cluster',
    resourceName: `${cluster.clusterName}/${cluster.clusterUuid}`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  return {
    kind: 'msk',
    arn,
    ...(cluster.adminSecretName ? { adminSecretArn: secret(cluster.adminSecretName) } : {}),
  };
}

/**
 * Settings of the DLQ replay (CDK context `msk-flows:replay`; examples/cdk.context.json holds example values):
 * - `cluster` (required): the Kafka cluster scheduled replays produce to (ReplayClusterConfig):
 *   `{ "kind": "self-managed", "bootstrapServers", "adminSecretName" }` or `{ "kind": "msk", "clusterName", "clusterUuid" }`;
 * - `deadLetterTopic`: where the dead-letter queue's envelopes are replayed (default: the bridge's topic;
 *   required without a bridge);
 * - `readTopics`: topics on-failure records may be read back from (MSK IAM grants `ReadData` on them);
 * - `scheduleMinutes` (15), `ratePerSecond` (1000), `maxMessages` (10,000), `maxSeconds` (600);
 * - `alarmDepth` (messages, 1) and `alarmAgeSeconds` (6 h): DLQ depth and age of the oldest message.
 */
export interface ReplayConfig {
  cluster: ReplayClusterConfig;
  deadLetterTopic: string;
  readTopics: string[];
  scheduleMinutes: number;
  ratePerSecond: number;
  maxMessages: number;
  maxSeconds: number;
  alarmDepth: number;
  alarmAgeSeconds: number;
}

/**
 * Reads `msk-flows:replay`, naming every missing or bad field in one error; undefined when the context
 * key is absent (no Replay stack).
 */
export function readReplayConfig(scope: Construct, ingest: IngestConfig): ReplayConfig | undefined {
  const given = scope.node.tryGetContext('msk-flows:replay') as Partial<ReplayConfig> | undefined;
  if (given === undefined || given === null) return undefined;
  const raw = given;
  const problems: string[] = [];
  const deadLetterTopic = raw.deadLetterTopic ?? ingest.bridge?.topic;
  if (!deadLetterTopic) problems.push('deadLetterTopic (required when msk-flows:ingest.bridge is not set)');
  const cluster = raw.cluster as Record<string, unknown> | undefined;
  if (cluster?.kind === 'msk') {
    if (!cluster.clusterName) problems.push('cluster.clusterName');
    if (!cluster.clusterUuid) problems.push('cluster.clusterUuid');
  } else if (cluster?.kind === 'self-managed') {
    if (!(cluster.bootstrapServers as string[] | undefined)?.length)
      problems.push('cluster.bootstrapServers');
    if (!cluster.adminSecretName) problems.push('cluster.adminSecretName');
  } else problems.push('cluster (kind msk or self-managed)');
  const whole = (key: keyof ReplayConfig, fallback: number) => {
    const value = raw[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      problems.push(`${key} (a whole number ≥ 1)`);
    return value as number;
  };
  const config: ReplayConfig = {
    cluster: cluster as unknown as ReplayClusterConfig,
    deadLetterTopic: deadLetterTopic as string,
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
