import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnTopicRule, CfnTopicRuleDestination } from 'aws-cdk-lib/aws-iot';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, nagArn } from '../nag';
import { grantSend } from './iotGrants';
import { iotRole, iotRuleName } from './iotRuleRole';
import { grantScramSecretRead, type ScramSecretKeyRef } from './scramSecretAccess';
import type { TaskNetwork } from './taskFunction';

/** The seed's IoT → Kafka path: a second rule whose Kafka action produces to the cluster over SASL/SCRAM. */
export interface IotKafkaRuleOptions {
  /** VPC, subnets and security groups from which the brokers' SASL/SCRAM port (9096 on MSK) is reachable. */
  network: TaskNetwork;
  /** `BootstrapBrokerStringSaslScram` of the cluster (comma-separated host:port). */
  bootstrapServers: string;
  /** Kafka topic the rule produces to. */
  topic: string;
  /** The `AmazonMSK_…` SCRAM secret (`{"username","password"}`) associated with the cluster. */
  scramSecret: ISecret;
  /** The customer-managed key of the secret, when `scramSecret` is imported and does not know it. */
  scramSecretKey?: ScramSecretKeyRef;
}

/** Props of IotKafkaRule. */
export interface IotKafkaRuleProps extends IotKafkaRuleOptions {
  stage: string;
  sql: string;
  /** Where the rule's error action sends messages it could not deliver. */
  errorQueue: IQueue;
}

/**
 * IoT rule with an Apache Kafka action through a VPC topic rule destination, credentials resolved at run time
 * by `get_secret(secretId, secretType, key, roleArn)`, record key `${clientid()}`, and an SQS error action:
 * https://docs.aws.amazon.com/iot/latest/developerguide/apache-kafka-rule-action.html
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html#iot-sql-function-get-secret
 */
export class IotKafkaRule extends Construct {
  readonly rule: CfnTopicRule;
  readonly destination: CfnTopicRuleDestination;
  readonly ruleName: string;

  constructor(scope: Construct, id: string, props: IotKafkaRuleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const secretName = stack.resolve(props.scramSecret.secretName);
    if (typeof secretName === 'string' && !secretName.startsWith('AmazonMSK_')) {
      throw new Error(
        `scramSecret must be an AmazonMSK_ secret (MSK SCRAM requires the prefix), got ${secretName}`,
      );
    }
    this.ruleName = iotRuleName(props.stage, 'telemetry_kafka');
    const subnetIds = props.network.vpc.selectSubnets(props.network.vpcSubnets).subnetIds;
    const securityGroupIds = props.network.securityGroups.map((sg) => sg.securityGroupId);

    // The destination's role creates and manages the ENIs through which IoT reaches the brokers.
    const destinationRole = iotRole(
      this,
      'DestinationRole',
      'msk-flows IoT Kafka destination: VPC network interfaces',
    );
    const eni = stack.formatArn({ service: 'ec2', resource: 'network-interface', resourceName: '*' });
    destinationRole.addToPolicy(
      new PolicyStatement({
        actions: ['ec2:CreateNetworkInterface'],
        resources: [
          eni,
          ...subnetIds.map((s) => stack.formatArn({ service: 'ec2', resource: 'subnet', resourceName: s })),
          ...securityGroupIds.map((g) =>
            stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: g }),
          ),
        ],
      }),
    );
    destinationRole.addToPolicy(
      new PolicyStatement({
        actions: ['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface'],
        resources: [eni],
      }),
    );
    destinationRole.addToPolicy(
      new PolicyStatement({
        actions: [
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'ec2:DescribeVpcAttribute',
          'ec2:DescribeSecurityGroups',
        ],
        resources: ['*'],
      }),
    );
    this.destination = new CfnTopicRuleDestination(this, 'Destination', {
      status: 'ENABLED',
      vpcProperties: {
        vpcId: props.network.vpc.vpcId,
        subnetIds,
        securityGroups: securityGroupIds,
        roleArn: destinationRole.roleArn,
      },
    });
    this.destination.node.addDependency(destinationRole);
    acknowledge(destinationRole, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'EC2 Describe* calls (network interfaces, subnets, VPCs, VPC attributes, security groups) support no ' +
          'resource-level permissions; IoT needs them to manage the destination ENIs (apache-kafka-rule-action docs).',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn(this, 'ec2', 'network-interface/*')}]`,
        reason:
          'IoT creates the destination ENIs, so their ids are unknown ahead; creation is limited to these ' +
          'subnets and security groups, and the pattern to this account and Region.',
      },
    ]);

    // get_secret runs as this role; it also sends to the error queue.
    const ruleRole = iotRole(
      this,
      'RuleRole',
      'msk-flows IoT Kafka rule: SCRAM secret, error queue',
      this.ruleName,
    );
    grantScramSecretRead(ruleRole, props.scramSecret, props.scramSecretKey);
    grantSend(ruleRole, props.errorQueue);
    const secret = (key: 'username' | 'password') =>
      `\${get_secret('${props.scramSecret.secretArn}', 'SecretString', '${key}', '${ruleRole.roleArn}')}`;

    this.rule = new CfnTopicRule(this, 'Rule', {
      ruleName: this.ruleName,
      topicRulePayload: {
        description: 'msk-flows: device telemetry to Kafka (SASL/SCRAM-SHA-512 through a VPC destination)',
        sql: props.sql,
        awsIotSqlVersion: '2016-03-23',
        ruleDisabled: false,
        actions: [
          {
            kafka: {
              destinationArn: this.destination.attrArn,
              topic: props.topic,
              // An IoT substitution template (not JS): the MQTT client id becomes the record key.
              key: `\${clientid()}`,
              clientProperties: {
                'bootstrap.servers': props.bootstrapServers,
                'security.protocol': 'SASL_SSL',
                'sasl.mechanism': 'SCRAM-SHA-512',
                'sasl.scram.username': secret('username'),
                'sasl.scram.password': secret('password'),
                acks: 'all',
              },
            },
          },
        ],
        errorAction: {
          sqs: { queueUrl: props.errorQueue.queueUrl, roleArn: ruleRole.roleArn, useBase64: false },
        },
      },
    });
    // IoT validates the role's access when the rule is created.
    this.rule.node.addDependency(ruleRole);
  }
}
