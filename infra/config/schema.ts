import * as z from 'zod';
import { platformPolicySchema } from '../../tasks/onboarding/guardRails/policy';
import { ingestSchema } from './ingestSchema';
import {
  account,
  availabilityZone,
  flag,
  iamRoleArn,
  jsonObject,
  list,
  region,
  restBaseUrl,
  routeTableId,
  s3BucketArn,
  securityGroupId,
  snsTopicArn,
  stage,
  subnetId,
  vpcId,
} from './values';

/**
 * Every `msk-flows:*` context value (cdk.json `context`, or `-c key=value`); README "Deploy" documents
 * them and `examples/cdk.context.json` sets them all. Nothing is looked up in AWS at synth time.
 */
export const contextSchema = z
  .object({
    /** Short deployment name in stack and resource names. */
    'msk-flows:stage': stage.default('dev'),
    /** Target Region and account of the producer (cluster) account; unset: env-agnostic stacks. */
    'msk-flows:region': region.optional(),
    'msk-flows:account': account.optional(),
    /** The consumer account of the Kafka → S3 consumer and flightData API (default: msk-flows:account). */
    'msk-flows:consumerAccount': account.optional(),
    /** Where alarms notify (same Region); the consumer stack's own topic when it has another account. */
    'msk-flows:alarmTopicArn': snsTopicArn.optional(),
    'msk-flows:consumerAlarmTopicArn': snsTopicArn.optional(),
    /** The brokers' VPC in the producer account: Kafka-facing Lambdas and the IoT Kafka rule run there. */
    'msk-flows:vpcId': vpcId.optional(),
    'msk-flows:subnetIds': list(subnetId).optional(),
    'msk-flows:availabilityZones': list(availabilityZone).optional(),
    'msk-flows:kafkaClientSecurityGroupId': securityGroupId.optional(),
    /** The route tables of those subnets, for the S3 gateway endpoint (with `msk-flows:vpcEgress` endpoints). */
    'msk-flows:routeTableIds': list(routeTableId).optional(),
    /**
     * How VPC-bound Lambdas reach AWS APIs: `endpoints` (msk-flows creates the interface endpoints they
     * call and an S3 gateway endpoint) or `nat` (the subnets already route out through a NAT gateway or
     * reach endpoints someone else manages; nothing is created).
     */
    'msk-flows:vpcEgress': z.enum(['endpoints', 'nat']).optional(),
    /** Ingest and consumer features; see ingestSchema. */
    'msk-flows:ingest': jsonObject(ingestSchema).default({ iot: {} }),
    /**
     * A consumer account's ConsumerAccess stack (PrivateLink role, secret-copy key, multi-VPC port rule);
     * validated field by field in infra/consumerAccessConfig.ts.
     */
    'msk-flows:consumerAccess': z.unknown().optional(),
    /**
     * The self-managed Kafka Connect cluster's REST API that `kafka-connect` connectors are PUT to; unset:
     * they are refused (KafkaConnectNotConfiguredError). Connector tasks reach it from the brokers' VPC.
     */
    'msk-flows:kafkaConnectUrl': restBaseUrl.optional(),
    /**
     * MSK Connect for `msk-connect` connectors: the service execution roles a connector may run with
     * (iam:PassRole is granted on exactly these) and the S3 bucket custom plugins are read from; unset:
     * no MSK Connect permissions, and such connectors fail preflight.
     */
    'msk-flows:mskConnect': jsonObject(
      z.strictObject({
        serviceExecutionRoleArns: list(iamRoleArn),
        pluginBucketArn: s3BucketArn,
      }),
    ).optional(),
    /**
     * The platform policy (guard rails) over the built-in defaults: reserved principals, partition and
     * replication bounds, prefix rules, allowed topic configs; passed to the Validate, Plan and Check
     * Principal functions as MSK_FLOWS_PLATFORM_POLICY (README "Guard rails and the platform policy").
     */
    'msk-flows:platformPolicy': jsonObject(platformPolicySchema).optional(),
    /** The DLQ replay's schedules and target cluster; validated in infra/replayConfig.ts. */
    'msk-flows:replay': z.unknown().optional(),
    /** Writes esbuild's metafile beside each bundle (bundle analysis and the bundle test; not for deploys). */
    'msk-flows:bundleMetafile': flag.default(false),
  })
  .superRefine((c, ctx) => {
    const need = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    const vpcKeys = [
      'msk-flows:subnetIds',
      'msk-flows:availabilityZones',
      'msk-flows:kafkaClientSecurityGroupId',
    ] as const;
    if (c['msk-flows:vpcId']) {
      for (const key of vpcKeys) if (!c[key]) need(key, 'required when msk-flows:vpcId is set');
      if (!c['msk-flows:vpcEgress']) {
        need(
          'msk-flows:vpcEgress',
          'required when msk-flows:vpcId is set: "endpoints" or "nat" (see README "Deploy")',
        );
      }
      if (c['msk-flows:vpcEgress'] === 'endpoints') {
        if (!c['msk-flows:routeTableIds'])
          need('msk-flows:routeTableIds', 'required with vpcEgress endpoints (S3 gateway endpoint)');
        // Endpoint service names differ by Region (cn-* Regions name some `cn.com.amazonaws.…`).
        if (!c['msk-flows:region'])
          need('msk-flows:region', 'required with vpcEgress endpoints: service names depend on it');
      }
    } else {
      for (const key of [...vpcKeys, 'msk-flows:vpcEgress', 'msk-flows:routeTableIds'] as const) {
        if (c[key]) need(key, 'only with msk-flows:vpcId');
      }
    }
    const subnets = c['msk-flows:subnetIds'];
    const zones = c['msk-flows:availabilityZones'];
    if (subnets && zones && subnets.length !== zones.length) {
      need('msk-flows:availabilityZones', `one per subnet: ${subnets.length} subnets, ${zones.length} zones`);
    }
    if (zones && new Set(zones).size !== zones.length) {
      need(
        'msk-flows:availabilityZones',
        'one subnet per Availability Zone (an endpoint takes one subnet per zone)',
      );
    }
    if (c['msk-flows:ingest'].iot.kafkaTopic && !c['msk-flows:vpcId']) {
      need(
        'msk-flows:ingest',
        'iot.kafkaTopic needs msk-flows:vpcId: the IoT rule reaches the brokers through the VPC',
      );
    }
    const producer = c['msk-flows:account'];
    for (const role of c['msk-flows:mskConnect']?.serviceExecutionRoleArns ?? []) {
      const owner = /^arn:[^:]+:iam::([0-9]{12}):/.exec(role)?.[1];
      if (producer && owner && owner !== producer)
        need(
          'msk-flows:mskConnect',
          `serviceExecutionRoleArns: ${role} is not a role of account ${producer}`,
        );
    }
    const home = c['msk-flows:region'];
    for (const key of ['msk-flows:alarmTopicArn', 'msk-flows:consumerAlarmTopicArn'] as const) {
      const topicRegion = c[key]?.split(':')[3];
      if (home && topicRegion && topicRegion !== home)
        need(key, `must be in ${home}: alarms notify topics of their own Region`);
    }
  });

export type DeploymentContext = z.output<typeof contextSchema>;
