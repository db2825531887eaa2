import type { Logger } from '@aws-lambda-powertools/logger';
import type { MetricUnit } from '@aws-lambda-powertools/metrics/types';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { BaseOptions } from '@platformatic/kafka';
import type { ClusterSpec } from '../onboarding/request/schema';
import type { KafkaConnectionConfig } from '../shared/kafka/config';

/** What the replay tasks need; the Lambda handlers build it once per container, tests and the CLI pass their own. */
export interface ReplayDeps {
  sqs: SQSClient;
  s3: S3Client;
  kinesis: () => KinesisClient;
  lambda: () => LambdaClient;
  /** The connection of a request's cluster (MSK or self-managed; the local broker locally). */
  kafkaConnection: (cluster: ClusterSpec) => Promise<KafkaConnectionConfig>;
  /** @platformatic/kafka client options for a connection (credentials resolved). */
  kafkaClientOptions: (connection: KafkaConnectionConfig) => Promise<BaseOptions>;
  /** The deployment's parking place, used when a request names none. */
  parking?: { bucket: string; prefix: string };
  /** Where the per-source locks live (the deployment's bucket, never a request's). */
  lockBucket: string;
  metrics: { addMetric(name: string, unit: MetricUnit, value: number): unknown };
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => number;
  /** How long received messages stay invisible while a round works on them (default 600 s). */
  visibilitySeconds?: number;
}
