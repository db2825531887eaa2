import type { Construct } from 'constructs';

/**
 * Settings of the ingest and consumer stacks, from the CDK context key `msk-flows:ingest` (cdk.json holds
 * example values to replace before a deploy; nothing is looked up in AWS at synth time).
 */
export interface IngestConfig {
  /** Kinesis → Kafka bridge (producer account). */
  bridge: { topic: string; bootstrapServers: string; scramSecretName: string };
  /** IoT → S3 batcher; with `kafkaTopic` (and a VPC in context) also the IoT rule's Kafka action. */
  iot: { kafkaTopic?: string; bootstrapServers?: string; scramSecretName?: string };
  /** Kafka → S3 consumer (consumer account): an MSK cluster ARN, or self-managed bootstrap servers. */
  consumer: {
    topic: string;
    consumerGroupId: string;
    scramSecretName: string;
    clusterArn?: string;
    bootstrapServers?: string[];
  };
  /** flightData read API: only when the RDS Proxy it reads through is named. */
  flightData?: {
    vpcId: string;
    availabilityZones: string[];
    subnetIds: string[];
    proxyName: string;
    proxyResourceId: string;
    proxyEndpoint: string;
    proxySecurityGroupId: string;
    databaseName: string;
    dbUser: string;
    allowedOrigins: string[];
  };
}

/** Reads `msk-flows:ingest`, naming every missing field in one error. */
export function readIngestConfig(scope: Construct): IngestConfig {
  const raw = (scope.node.tryGetContext('msk-flows:ingest') ?? {}) as Partial<IngestConfig>;
  const missing: string[] = [];
  const need = (value: unknown, path: string) => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      missing.push(path);
  };
  need(raw.bridge?.topic, 'bridge.topic');
  need(raw.bridge?.bootstrapServers, 'bridge.bootstrapServers');
  need(raw.bridge?.scramSecretName, 'bridge.scramSecretName');
  need(raw.consumer?.topic, 'consumer.topic');
  need(raw.consumer?.consumerGroupId, 'consumer.consumerGroupId');
  need(raw.consumer?.scramSecretName, 'consumer.scramSecretName');
  if (!raw.consumer?.clusterArn)
    need(raw.consumer?.bootstrapServers, 'consumer.clusterArn or consumer.bootstrapServers');
  if (missing.length > 0) {
    throw new Error(`context msk-flows:ingest is missing: ${missing.join(', ')}`);
  }
  return { iot: {}, ...raw } as IngestConfig;
}
