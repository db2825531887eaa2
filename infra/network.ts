import { Annotations } from 'aws-cdk-lib';
import { type IVpc, SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { type KafkaNetworkConfig, readDeploymentConfig } from './config';
import type { TaskNetwork } from './constructs/taskFunction';

/** Why imported subnets without route table ids are fine here. */
export const ROUTE_TABLES_UNUSED =
  'Subnets imported by id from context place functions and endpoints; nothing reads their route tables.';

/** The brokers' VPC as `scope`'s stack sees it, from context ids (never `fromLookup`, which needs credentials). */
export function kafkaVpc(scope: Construct, network: KafkaNetworkConfig): IVpc {
  // Route tables matter only to the S3 gateway endpoint, which gets them (vpcEgress endpoints).
  Annotations.of(scope).acknowledgeWarning('@aws-cdk/aws-ec2:noSubnetRouteTableId', ROUTE_TABLES_UNUSED);
  return Vpc.fromVpcAttributes(scope, 'KafkaVpc', {
    vpcId: network.vpcId,
    availabilityZones: network.availabilityZones,
    privateSubnetIds: network.subnetIds,
    ...(network.routeTableIds.length > 0 ? { privateSubnetRouteTableIds: network.routeTableIds } : {}),
  });
}

/**
 * Where Kafka-facing functions run: the brokers' subnets with the client security group (a group the
 * brokers admit on their SASL ports). Undefined when no VPC is configured: then they run outside a VPC,
 * which suits self-managed clusters with reachable brokers only.
 */
export function taskNetwork(scope: Construct, network?: KafkaNetworkConfig): TaskNetwork | undefined {
  if (!network) return undefined;
  const vpc = kafkaVpc(scope, network);
  return {
    vpc,
    vpcSubnets: { subnets: vpc.privateSubnets },
    securityGroups: [SecurityGroup.fromSecurityGroupId(scope, 'KafkaClientSg', network.securityGroupId)],
  };
}

/** taskNetwork from the validated `msk-flows:vpcId` … context of `scope`'s app. */
export function taskNetworkFromContext(scope: Construct): TaskNetwork | undefined {
  return taskNetwork(scope, readDeploymentConfig(scope).kafkaNetwork);
}
