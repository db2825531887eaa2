import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling as buildApp } from '../../infra/buildApp';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';
import { exampleContext } from '../helpers/deployContext';

/** The example's `msk-flows:consumerAccess` (examples/cdk.context.json). */
const consumerAccessContext = () => ({
  'msk-flows:consumerAccess': exampleContext()['msk-flows:consumerAccess'],
});

type Statement = { Action: string | string[]; Resource: unknown };

/** `<action>` list of every statement of the role policies in a template whose logical id starts with `prefix`. */
function actionsOf(template: Template, prefix: string): string[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.entries(policies)
    .filter(([id]) => id.startsWith(prefix))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((s) => [s.Action].flat()))
    .filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))
    .sort();
}

describe('ConsumerAccess stack (consumer account)', () => {
  it.each(['eu-west-1', 'cn-northwest-1'])(
    'synthesizes for %s from context alone, with no literal partition and no cdk-nag finding',
    (region) => {
      // Prepare
      const { app, consumerAccess } = buildApp({ ...consumerAccessContext(), 'msk-flows:region': region });

      // Act
      const template = JSON.stringify(Template.fromStack(consumerAccess as never).toJSON());

      // Assess
      expect(template).not.toMatch(/arn:aws(-cn)?:/);
      expect(awsSolutionsFindings(app, consumerAccess as never)).toEqual([]);
    },
  );

  it('lets only the platform account assume the role, with the ExternalId, and opens the multi-VPC ports', () => {
    // Prepare
    const { consumerAccess } = buildApp(consumerAccessContext());

    // Act
    const template = Template.fromStack(consumerAccess as never);

    // Assess
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'msk-flows-consumer-access',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:ExternalId': 'msk-flows-orders-7f3a' } },
            Principal: {
              AWS: Match.objectLike({
                'Fn::Join': Match.arrayWith([Match.arrayWith([':iam::111122223333:root'])]),
              }),
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0aaa1111bbbb2222c',
      SourceSecurityGroupId: 'sg-0ddd3333eeee4444f',
      IpProtocol: 'tcp',
      FromPort: 14001,
      ToPort: 14100,
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/msk-flows/consumer-scram' });
  });

  it('is left out when the context names no consumer', () => {
    // Act
    const { consumerAccess } = buildApp({ 'msk-flows:consumerAccess': null });

    // Assess
    expect(consumerAccess).toBeUndefined();
  });
});

describe('private access task roles', () => {
  const { onboarding } = buildApp();
  const template = Template.fromStack(onboarding);

  // Exactly what each task's code sends (plus what every task function may: logs, X-Ray).
  it.each([
    ['AcquireClusterLock', ['dynamodb:PutItem']],
    ['ReleaseClusterLock', ['dynamodb:DeleteItem']],
    [
      'EnableMultiVpcConnectivity',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:DescribeClusterV2',
        'kafka:GetBootstrapBrokers',
        'kafka:UpdateConnectivity',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
      ],
    ],
    ['DescribeConnectivityUpdate', ['kafka:DescribeClusterOperationV2']],
    [
      'MergeClusterPolicy',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:GetBootstrapBrokers',
        'kafka:GetClusterPolicy',
        'kafka:PutClusterPolicy',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
      ],
    ],
    [
      'EnsureVpcConnection',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:GetBootstrapBrokers',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'sts:AssumeRole',
      ],
    ],
    ['DescribeVpcConnection', ['sts:AssumeRole']],
    ['ReportConsumerBootstrap', ['kafka:GetBootstrapBrokers']],
    [
      'CopyTriggerSecret',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:GetBootstrapBrokers',
        'kms:Decrypt',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'sts:AssumeRole',
      ],
    ],
    [
      'EnsureEventSourceMappings',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:GetBootstrapBrokers',
        'kafka:GetBootstrapBrokers',
        'kms:Decrypt',
        'lambda:CreateEventSourceMapping',
        'lambda:ListEventSourceMappings',
        'lambda:ListTags',
        'lambda:TagResource',
        'lambda:UpdateEventSourceMapping',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'sts:AssumeRole',
      ],
    ],
    [
      'DescribeEventSourceMappings',
      [
        'kafka:GetBootstrapBrokers',
        'lambda:ListEventSourceMappings',
        'secretsmanager:DescribeSecret',
        'sts:AssumeRole',
      ],
    ],
    [
      'RemoveTriggers',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:GetBootstrapBrokers',
        'kafka:GetBootstrapBrokers',
        'kms:Decrypt',
        'lambda:DeleteEventSourceMapping',
        'lambda:ListEventSourceMappings',
        'lambda:ListTags',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'sts:AssumeRole',
      ],
    ],
    [
      'RemovePrivateAccess',
      [
        'kafka-cluster:Connect',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka:DeleteClusterPolicy',
        'kafka:GetBootstrapBrokers',
        'kafka:GetClusterPolicy',
        'kafka:ListClientVpcConnections',
        'kafka:PutClusterPolicy',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'secretsmanager:GetSecretValue',
        'sts:AssumeRole',
      ],
    ],
  ])('lets %s send exactly the actions its code sends', (task, expected) => {
    // Act
    const actions = actionsOf(template, `Tasks${task}Role`);

    // Assess
    expect(actions).toEqual(expected);
  });

  it('serializes cluster-level changes on a lock table with TTL and point-in-time recovery', () => {
    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'clusterArn', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CLUSTER_LOCK_TABLE: Match.anyValue() }) },
    });
  });
});
