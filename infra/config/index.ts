import { Annotations, type Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type * as z from 'zod';
import type { IngestConfig } from './ingestSchema';
import { contextSchema } from './schema';

export type { IngestConfig } from './ingestSchema';

/** The brokers' network in the producer account, and how functions placed in it reach AWS APIs. */
export interface KafkaNetworkConfig {
  vpcId: string;
  subnetIds: string[];
  availabilityZones: string[];
  securityGroupId: string;
  egress: 'endpoints' | 'nat';
  /** Route tables of the subnets (for the S3 gateway endpoint); empty with egress `nat`. */
  routeTableIds: string[];
}

/** MSK Connect's setup (msk-flows:mskConnect). */
export interface MskConnectConfig {
  serviceExecutionRoleArns: string[];
  pluginBucketArn: string;
}

/** Deployment settings read from CDK context (`-c key=value` or cdk.json), never from AWS lookups. */
export interface DeploymentConfig {
  /** Short name used in resource names, e.g. `dev`, `prod`. */
  stage: string;
  /** Producer (cluster) account; undefined keeps the stacks env-agnostic (synthesizable with no credentials). */
  env?: Environment;
  /** Consumer account (Kafka → S3, flightData); the producer's when not set apart. */
  consumerEnv?: Environment;
  /** True unless `msk-flows:consumerAccount` names another account than `msk-flows:account`. */
  consumerInProducerAccount: boolean;
  alarmTopicArn?: string;
  consumerAlarmTopicArn?: string;
  kafkaNetwork?: KafkaNetworkConfig;
  ingest: IngestConfig;
  /** Connectors: the Kafka Connect REST API and MSK Connect's setup, each when used. */
  connectors: { kafkaConnectUrl?: string; mskConnect?: MskConnectConfig };
  /** The platform policy file's JSON (msk-flows:platformPolicy), validated; undefined: the defaults. */
  platformPolicy?: string;
  bundleMetafile: boolean;
}

/** A context value is missing or malformed: every problem, each naming its key. */
export class ContextError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid CDK context (cdk.context.json, cdk.json or -c key=value; see README "Deploy"):\n  ${problems.join('\n  ')}`,
    );
    this.name = 'ContextError';
  }
}

const path = (p: readonly PropertyKey[]) =>
  p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');

function problemsOf(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${path([...issue.path, key])}: unknown setting`)
      : [`${path(issue.path)}: ${issue.message}`],
  );
}

/** Reads and validates every `msk-flows:*` context value; throws ContextError naming each bad one. */
export function readDeploymentConfig(scope: Construct): DeploymentConfig {
  const all = scope.node.getAllContext() as Record<string, unknown>;
  const known = Object.keys(contextSchema.shape);
  for (const key of Object.keys(all).filter((k) => k.startsWith('msk-flows:') && !known.includes(k))) {
    Annotations.of(scope).addWarningV2(
      'msk-flows:unknown-context',
      `context ${key} is not an msk-flows setting`,
    );
  }
  const parsed = contextSchema.safeParse(Object.fromEntries(known.map((k) => [k, all[k]])));
  if (!parsed.success) throw new ContextError(problemsOf(parsed.error.issues));
  const c = parsed.data;
  const region = c['msk-flows:region'];
  const account = c['msk-flows:account'];
  const consumerAccount = c['msk-flows:consumerAccount'] ?? account;
  const envOf = (acct?: string) => (region || acct ? { region, account: acct } : undefined);
  const vpcId = c['msk-flows:vpcId'];
  return {
    stage: c['msk-flows:stage'],
    env: envOf(account),
    consumerEnv: envOf(consumerAccount),
    consumerInProducerAccount: consumerAccount === account,
    alarmTopicArn: c['msk-flows:alarmTopicArn'],
    consumerAlarmTopicArn:
      c['msk-flows:consumerAlarmTopicArn'] ??
      (consumerAccount === account ? c['msk-flows:alarmTopicArn'] : undefined),
    kafkaNetwork: vpcId
      ? {
          vpcId,
          subnetIds: c['msk-flows:subnetIds'] ?? [],
          availabilityZones: c['msk-flows:availabilityZones'] ?? [],
          securityGroupId: c['msk-flows:kafkaClientSecurityGroupId'] ?? '',
          egress: c['msk-flows:vpcEgress'] ?? 'nat',
          routeTableIds: c['msk-flows:routeTableIds'] ?? [],
        }
      : undefined,
    ingest: c['msk-flows:ingest'],
    connectors: {
      kafkaConnectUrl: c['msk-flows:kafkaConnectUrl']?.replace(/\/$/, ''),
      mskConnect: c['msk-flows:mskConnect'],
    },
    platformPolicy: c['msk-flows:platformPolicy'] ? JSON.stringify(c['msk-flows:platformPolicy']) : undefined,
    bundleMetafile: c['msk-flows:bundleMetafile'],
  };
}
