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
];

export interface TaskVpcEndpointsProps {
  /** The functions' VPC, imported with its private subnets (one per zone) and their route tables. */
  vpc: IVpc;
  /** The functions' security group: the only one the endpoints admit (HTTPS). */
  clientSecurityGroup: ISecurityGroup;
}

/**
 * Private DNS interface endpoints for the APIs in TASK_INTERFACE_ENDPOINTS and an S3 gateway endpoint
 * (claim checks), so functions in private subnets need no NAT. One set per VPC: private DNS allows one
 * endpoint per service in a VPC. https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 */
export class TaskVpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly interfaceEndpoints: InterfaceVpcEndpoint[];
  readonly s3: GatewayVpcEndpoint;

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
    this.s3 = new GatewayVpcEndpoint(this, 'S3', {
      vpc: props.vpc,
      service: GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnets: props.vpc.privateSubnets }],
    });
  }
}
