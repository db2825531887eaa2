import * as z from 'zod';
import {
  availabilityZone,
  clusterArn,
  consumerGroupId,
  hostPort,
  kmsKeyArn,
  list,
  matching,
  mskSecretName,
  secretName,
  securityGroupId,
  subnetId,
  topic,
  vpcConnectionArn,
  vpcId,
} from './values';

type Ctx = z.core.$RefinementCtx;
const need = (ctx: Ctx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message });

/** Kinesis → Kafka bridge (producer account). */
const bridge = z
  .strictObject({
    topic,
    bootstrapServers: list(hostPort),
    auth: z.enum(['scram', 'iam', 'tls']).default('scram'),
    scramSecretName: mskSecretName.optional(),
    clusterArn: clusterArn.optional(),
    scramSecretKeyArn: kmsKeyArn.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.auth === 'scram' && !b.scramSecretName) need(ctx, 'scramSecretName', 'required when auth is scram');
    if (b.auth === 'iam' && !b.clusterArn) need(ctx, 'clusterArn', 'required when auth is iam');
  });

/** IoT → S3 batcher (always deployed); with the three Kafka settings also the IoT rule's Kafka action. */
const iot = z
  .strictObject({
    kafkaTopic: topic.optional(),
    bootstrapServers: list(hostPort).optional(),
    scramSecretName: mskSecretName.optional(),
    scramSecretKeyArn: kmsKeyArn.optional(),
  })
  .superRefine((i, ctx) => {
    const set = [i.kafkaTopic, i.bootstrapServers, i.scramSecretName].filter((v) => v !== undefined).length;
    if (set === 0 || set === 3) return;
    for (const key of ['kafkaTopic', 'bootstrapServers', 'scramSecretName'] as const) {
      if (i[key] === undefined)
        need(ctx, key, 'required with the other IoT Kafka settings (all three or none)');
    }
  });

/** A VPC the self-managed brokers are reachable from (the event source's pollers attach there). */
const brokerNetwork = z.strictObject({
  vpcId,
  subnetIds: list(subnetId),
  availabilityZones: list(availabilityZone),
  securityGroupId,
});

/** Kafka → S3 consumer (consumer account): MSK (same account, or cross-account through a VPC connection) or self-managed. */
const consumer = z
  .strictObject({
    topic,
    consumerGroupId,
    auth: z.enum(['scram', 'iam']).default('scram'),
    scramSecretName: secretName.optional(),
    scramSecretKeyArn: kmsKeyArn.optional(),
    clusterArn: clusterArn.optional(),
    vpcConnectionArn: vpcConnectionArn.optional(),
    bootstrapServers: list(hostPort).optional(),
    network: brokerNetwork.optional(),
    rootCaSecretName: secretName.optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.clusterArn === !c.bootstrapServers) {
      need(ctx, 'clusterArn', 'give exactly one of clusterArn (MSK) and bootstrapServers (self-managed)');
    }
    if (c.auth === 'scram' && !c.scramSecretName) need(ctx, 'scramSecretName', 'required when auth is scram');
    if (
      c.auth === 'scram' &&
      c.clusterArn &&
      c.scramSecretName &&
      !c.scramSecretName.startsWith('AmazonMSK_')
    ) {
      need(ctx, 'scramSecretName', 'an MSK SCRAM secret must be named AmazonMSK_…');
    }
    if (c.auth === 'iam' && !c.clusterArn) need(ctx, 'auth', 'iam works with an MSK clusterArn only');
    if (c.vpcConnectionArn && !c.clusterArn) need(ctx, 'vpcConnectionArn', 'only with an MSK clusterArn');
    if ((c.network || c.rootCaSecretName) && !c.bootstrapServers) {
      need(ctx, c.network ? 'network' : 'rootCaSecretName', 'only with self-managed bootstrapServers');
    }
  });

/** flightData read API: only when the RDS Proxy it reads through is named. */
const flightData = z.strictObject({
  vpcId,
  availabilityZones: list(availabilityZone),
  subnetIds: list(subnetId),
  proxyName: matching(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'an RDS Proxy name'),
  proxyResourceId: matching(/^prx-[0-9a-z]{8,32}$/, 'the proxy resource id (prx-…)'),
  proxyEndpoint: matching(/^[a-z0-9.-]+\.rds\.amazonaws\.com(\.cn)?$/, "the proxy's endpoint host name"),
  proxySecurityGroupId: securityGroupId,
  databaseName: matching(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a PostgreSQL database name'),
  dbUser: matching(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a PostgreSQL role name'),
  allowedOrigins: list(matching(/^https?:\/\/[^\s/*]+$/, 'an origin such as https://app.example.com')),
});

/** `msk-flows:ingest`: each section optional; a section left out is a feature not deployed. */
export const ingestSchema = z.strictObject({
  bridge: bridge.optional(),
  iot: iot.default({}),
  consumer: consumer.optional(),
  flightData: flightData.optional(),
});

export type IngestConfig = z.output<typeof ingestSchema>;
