import { Stack } from 'aws-cdk-lib';
import { AccountPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CONSUMER_SECRET_KEY_ALIAS } from '../../tasks/onboarding/privateAccess/clients';
import { CONSUMER_ROLE_NAME } from './privateAccessPermissions';

export interface ConsumerAccessRoleProps {
  platformAccountId: string;
  externalId: string;
}

/**
 * The role msk-flows assumes in a consumer account (trusting only the platform account, with the
 * ExternalId), allowed exactly what the consumer-side steps send: the managed VPC connection and its
 * tags, the subnets' AZ IDs, the SCRAM secret copy under this account's own key, and Kafka triggers.
 */
export class ConsumerAccessRole extends Construct {
  readonly role: Role;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: ConsumerAccessRoleProps) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    this.role = new Role(this, 'Role', {
      roleName: CONSUMER_ROLE_NAME,
      assumedBy: new AccountPrincipal(props.platformAccountId),
      externalIds: [props.externalId],
      description: 'msk-flows onboarding: managed VPC connections, SCRAM secret copies and Kafka triggers',
    });
    this.key = new Key(this, 'SecretCopyKey', {
      enableKeyRotation: true,
      description: 'msk-flows: SCRAM secret copies for Lambda Kafka triggers in this account',
    });
    new Alias(this, 'SecretCopyKeyAlias', { aliasName: CONSUMER_SECRET_KEY_ALIAS, targetKey: this.key });
    this.key.grant(this.role, 'kms:GenerateDataKey', 'kms:Decrypt');

    const arn = (service: string, resource: string) =>
      `arn:${partition}:${service}:${region}:${account}:${resource}`;
    const allow = (actions: string[], resources: string[]) =>
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
    // The VPC connection: created against a cluster of another account, so only `*` names it at create time.
    allow(['kafka:CreateVpcConnection', 'kafka:ListVpcConnections'], ['*']);
    allow(
      [
        'kafka:DescribeVpcConnection',
        'kafka:DeleteVpcConnection',
        'kafka:TagResource',
        'kafka:UntagResource',
      ],
      [arn('kafka', 'vpc-connection/*/*/*')],
    );
    // CreateVpcConnection's dependent actions (MSK creates the interface endpoints as the caller), and
    // the preflight's AZ-ID check. EC2 Describe calls support no resource-level permissions.
    allow(
      [
        'ec2:CreateVpcEndpoint',
        'ec2:DeleteVpcEndpoints',
        'ec2:DescribeVpcEndpoints',
        'ec2:CreateTags',
        'ec2:DescribeSubnets',
      ],
      ['*'],
    );
    allow(
      [
        'secretsmanager:CreateSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
        'secretsmanager:DeleteSecret',
        'secretsmanager:TagResource',
      ],
      [arn('secretsmanager', 'secret:msk-flows/scram/*')],
    );
    allow(['lambda:ListEventSourceMappings', 'lambda:CreateEventSourceMapping'], ['*']);
    allow(
      [
        'lambda:UpdateEventSourceMapping',
        'lambda:DeleteEventSourceMapping',
        'lambda:ListTags',
        'lambda:TagResource',
      ],
      [arn('lambda', 'event-source-mapping:*')],
    );
  }
}
