import {
  GatewayVpcEndpoint,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpoint,
  InterfaceVpcEndpointAwsService,
  type ISecurityGroup,
  type IVpc,
  Peer,
  Port,
  SecurityGroup,
} from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The AWS APIs our VPC-bound functions call, each with who calls it. Logs and EMF metrics (logs too) are
 * written by the Lambda runtime, not through the function's network interface.
 */
export const TASK_INTERFACE_ENDPOINTS: { service: InterfaceVpcEndpointAwsService; callers: string }[] = [
  {
    service: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    callers: 'SCRAM and admin secrets: Kafka-facing onboarding tasks, the Kinesis → Kafka bridge',
  },
  {
    service: InterfaceVpcEndpointAwsService.KAFKA,
    callers: 'MSK control plane (GetBootstrapBrokers, ListScramSecrets …): Kafka-facing onboarding tasks',
  },
  { service: InterfaceVpcEndpointAwsService.SQS, callers: 'DLQ envelopes: the Kinesis → Kafka bridge' },
  {
    service: InterfaceVpcEndpointAwsService.STS,
    callers:
      "AssumeRole of a consumer account's role: Ensure Event Source Mappings, Remove Triggers, Undo Changes, Finish Unfinished Runs, Plan",
  },
  {
    service: InterfaceVpcEndpointAwsService.LAMBDA,
    callers:
      'Event source mappings (this account and, with the assumed role, a consumer account): the trigger tasks that record them in the registry, Undo Changes, Finish Unfinished Runs, Plan',
  },
  {
    service: InterfaceVpcEndpointAwsService.EC2,
    callers: "DescribeSubnets of the brokers' subnets: Plan",
  },
];

/**
 * The gateway endpoints (no charge, routed by the subnets' route tables): S3 for claim checks, DynamoDB for
 * the cluster lock table (Undo Changes releases the lock).
 */
export const TASK_GATEWAY_ENDPOINTS: { id: string; service: GatewayVpcEndpointAwsService }[] = [
  { id: 'S3', service: GatewayVpcEndpointAwsService.S3 },
  { id: 'DynamoDB', service: GatewayVpcEndpointAwsService.DYNAMODB },
];

export interface TaskVpcEndpointsProps {
  /** The functions' VPC, imported with its private subnets (one per zone) and their route tables. */
  vpc: IVpc;
  /** The functions' security group: the only one the endpoints admit (HTTPS). */
  clientSecurityGroup: ISecurityGroup;
}

/**
 * Private DNS interface endpoints for the APIs in TASK_INTERFACE_ENDPOINTS and the gateway endpoints of
 * TASK_GATEWAY_ENDPOINTS, so functions in private subnets need no NAT. One set per VPC: private DNS allows one
 * endpoint per service in a VPC. https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 */
export class TaskVpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly interfaceEndpoints: InterfaceVpcEndpoint[];
  readonly s3: GatewayVpcEndpoint;
  readonly dynamodb: GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: TaskVpcEndpointsProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'msk-flows VPC endpoints: HTTPS from the Kafka client functions only',
    });
    this.securityGroup.addIngressRule(
      Peer.securityGroupId(props.clientSecurityGroup.securityGroupId),
      Port.tcp(443),
      'msk-flows functions to AWS APIs',
    );
    this.interfaceEndpoints = TASK_INTERFACE_ENDPOINTS.map(
      ({ service }) =>
        new InterfaceVpcEndpoint(this, service.shortName, {
          vpc: props.vpc,
          service,
          subnets: { subnets: props.vpc.privateSubnets },
          privateDnsEnabled: true,
          securityGroups: [this.securityGroup],
          open: false,
        }),
    );
    [this.s3, this.dynamodb] = TASK_GATEWAY_ENDPOINTS.map(
      ({ id: endpointId, service }) =>
        new GatewayVpcEndpoint(this, endpointId, {
          vpc: props.vpc,
          service,
          subnets: [{ subnets: props.vpc.privateSubnets }],
        }),
    ) as [GatewayVpcEndpoint, GatewayVpcEndpoint];
  }
}
