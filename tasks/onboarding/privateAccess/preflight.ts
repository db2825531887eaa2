import { DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { type Cluster, DescribeConfigurationRevisionCommand } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import type { ClusterRef } from '../contracts';
import type { KafkaStepDeps } from '../kafka/types';
import type { PrivateLink } from '../request/privateAccessSchema';
import { adminAclsOf } from './adminAcls';
import { describeCluster } from './clusterInfo';
import { AvailabilityZoneMismatchError, PrivateAccessPreflightError } from './errors';
import {
  aclDefaultProblem,
  availabilityZoneProblem,
  kafkaVersionProblem,
  parseServerProperties,
  superUsers,
} from './preflightRules';
import type { ConsumerClients, PrivateAccessDeps } from './types';

/** The request fields the preflight reads. */
export interface PreflightRequest {
  cluster: ClusterRef;
  privateLink: PrivateLink;
}

/** The properties of the cluster's configuration revision; undefined when it runs MSK's default configuration. */
async function clusterProperties(
  info: Cluster,
  deps: Pick<PrivateAccessDeps, 'kafka'>,
): Promise<Map<string, string> | undefined> {
  const software = info.Provisioned?.CurrentBrokerSoftwareInfo;
  if (!software?.ConfigurationArn || software.ConfigurationRevision === undefined) return undefined;
  const arn = software.ConfigurationArn;
  const out = await awsCall('DescribeConfigurationRevision', arn, () =>
    deps.kafka.send(
      new DescribeConfigurationRevisionCommand({ Arn: arn, Revision: software.ConfigurationRevision }),
    ),
  );
  return parseServerProperties(new TextDecoder().decode(out.ServerProperties ?? new Uint8Array()));
}

async function subnetAzIds(ec2: EC2Client, subnetIds: string[], what: string) {
  const out = await awsCall('DescribeSubnets', what, () =>
    ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds })),
  );
  return (out.Subnets ?? []).map((s) => ({
    subnetId: s.SubnetId ?? '',
    azId: s.AvailabilityZoneId ?? '',
    vpcId: s.VpcId ?? '',
  }));
}

/**
 * The private access preflight, before anything is changed. Each failing check is one clear error naming
 * the fix: cluster ACTIVE and provisioned, Kafka ≥ 2.7.1, SASL/SCRAM on, allow.everyone.if.no.acl.found=false
 * (and the SCRAM admin holding ACLs or being a super user), consumer subnets in ≥ 2 of the brokers' AZ IDs.
 */
export async function privateAccessPreflight(
  request: PreflightRequest,
  consumer: ConsumerClients,
  deps: { privateAccess: Pick<PrivateAccessDeps, 'kafka' | 'ec2' | 'secretsManager'>; kafka: KafkaStepDeps },
): Promise<Cluster> {
  const clusterArn = request.cluster.kind === 'msk' ? request.cluster.arn : '';
  const fail = (check: string, message: string) =>
    new PrivateAccessPreflightError(clusterArn, check, message);
  const info = await describeCluster(deps.privateAccess.kafka, clusterArn);
  if (info.ClusterType === 'SERVERLESS' || info.Serverless)
    throw fail('cluster-type', 'MSK Serverless has no multi-VPC SASL/SCRAM connectivity');
  if (info.State !== 'ACTIVE')
    throw fail('cluster-active', `the cluster is ${info.State}: start again once it is ACTIVE`);
  const versionProblem = kafkaVersionProblem(info.Provisioned?.CurrentBrokerSoftwareInfo?.KafkaVersion);
  if (versionProblem) throw fail('kafka-version', versionProblem);
  if (info.Provisioned?.ClientAuthentication?.Sasl?.Scram?.Enabled !== true) {
    throw fail('scram', 'SASL/SCRAM client authentication is off: turn it on (UpdateSecurity) first');
  }
  const properties = await clusterProperties(info, deps.privateAccess);
  const aclProblem = aclDefaultProblem(properties);
  if (aclProblem) throw fail('acl-default', aclProblem);
  const admin = await adminAclsOf(request.cluster, {
    secretsManager: deps.privateAccess.secretsManager,
    kafka: deps.kafka,
  });
  if (admin && admin.acls === 0 && !superUsers(properties).includes(`User:${admin.user}`)) {
    throw fail(
      'admin-acls',
      `the admin User:${admin.user} holds no ACLs and is no super user: with allow.everyone.if.no.acl.found=false operators would lock themselves out`,
    );
  }
  const link = request.privateLink;
  const consumerSubnets = await subnetAzIds(consumer.ec2, link.subnetIds, link.vpcId);
  const foreign = consumerSubnets.filter((s) => s.vpcId !== link.vpcId);
  if (foreign.length > 0) {
    throw fail('subnets', `${foreign.map((s) => s.subnetId).join(', ')} not in ${link.vpcId}`);
  }
  const group = info.Provisioned?.BrokerNodeGroupInfo;
  const brokerAzIds = group?.ZoneIds?.length
    ? group.ZoneIds
    : (await subnetAzIds(deps.privateAccess.ec2, group?.ClientSubnets ?? [], clusterArn)).map((s) => s.azId);
  const azProblem = availabilityZoneProblem(consumerSubnets, brokerAzIds);
  if (azProblem) throw new AvailabilityZoneMismatchError(clusterArn, azProblem);
  return info;
}
