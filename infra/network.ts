import { SecurityGroup, Subnet, Vpc } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { TaskNetwork } from './constructs/taskFunction';

/**
 * The brokers' network, from CDK context (never `fromLookup`, which needs credentials at synth):
 * `msk-flows:vpcId`, `msk-flows:subnetIds` (comma-separated private subnets), `msk-flows:availabilityZones`
 * and `msk-flows:kafkaClientSecurityGroupId` (a group the brokers admit on their SASL ports).
 * Returns undefined when no VPC is configured: then Kafka-facing tasks run outside a VPC, which suits
 * self-managed clusters with reachable brokers only.
 */
export function taskNetworkFromContext(scope: Construct): TaskNetwork | undefined {
  const get = (key: string) => scope.node.tryGetContext(`msk-flows:${key}`) as string | undefined;
  const vpcId = get('vpcId');
  if (!vpcId) return undefined;
  const list = (key: string) =>
    (get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const subnetIds = list('subnetIds');
  const availabilityZones = list('availabilityZones');
  const securityGroupId = get('kafkaClientSecurityGroupId');
  const missing = [
    subnetIds.length === 0 && 'msk-flows:subnetIds',
    availabilityZones.length !== subnetIds.length && 'msk-flows:availabilityZones (one per subnet)',
    !securityGroupId && 'msk-flows:kafkaClientSecurityGroupId',
  ].filter(Boolean);
  if (missing.length > 0)
    throw new Error(`context msk-flows:vpcId is set, so these are required: ${missing.join(', ')}`);
  const vpc = Vpc.fromVpcAttributes(scope, 'KafkaVpc', {
    vpcId,
    availabilityZones,
    privateSubnetIds: subnetIds,
  });
  return {
    vpc,
    vpcSubnets: { subnets: subnetIds.map((id, i) => Subnet.fromSubnetId(scope, `KafkaSubnet${i}`, id)) },
    securityGroups: [SecurityGroup.fromSecurityGroupId(scope, 'KafkaClientSg', securityGroupId as string)],
  };
}
