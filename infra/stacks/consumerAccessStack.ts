import { Stack, type StackProps, Token } from 'aws-cdk-lib';
import { CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { ConsumerAccessRole } from '../constructs/consumerAccessRole';
import type { ConsumerAccessConfig } from '../consumerAccessConfig';
import { acknowledge } from '../nag';

export interface ConsumerAccessStackProps extends StackProps {
  config: ConsumerAccessConfig;
}

/**
 * Consumer account: the role msk-flows assumes (ExternalId), the key of SCRAM secret copies, and the rule
 * letting the consumers' security group reach the managed VPC connection on the multi-VPC ports
 * (14001–14100: one per broker). https://docs.aws.amazon.com/msk/latest/developerguide/aws-access-mult-vpc.html
 */
export class ConsumerAccessStack extends Stack {
  readonly access: ConsumerAccessRole;

  constructor(scope: Construct, id: string, props: ConsumerAccessStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.access = new ConsumerAccessRole(this, 'Access', config);
    new CfnSecurityGroupIngress(this, 'MultiVpcPorts', {
      groupId: config.vpcConnectionSecurityGroupId,
      sourceSecurityGroupId: config.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 14001,
      toPort: 14100,
      description: 'Kafka clients to the MSK managed VPC connection (multi-VPC SASL/SCRAM ports)',
    });
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const arn = (service: string, resource: string) =>
      `arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
    acknowledge(this.access.role, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CreateVpcConnection targets a cluster of another account; ListVpcConnections, EC2 Describe/endpoint actions ' +
          'and Lambda List/CreateEventSourceMapping support no resource-level permissions.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', 'vpc-connection/*/*/*')}]`,
        reason: 'VPC connections get their ARN when created.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('secretsmanager', 'secret:msk-flows/scram/*')}]`,
        reason: 'One copy per onboarded principal, under this prefix only.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('lambda', 'event-source-mapping:*')}]`,
        reason: 'Mapping UUIDs are only known once created.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: "Secrets Manager encrypts the copy with this account's key.",
      },
    ]);
  }
}
