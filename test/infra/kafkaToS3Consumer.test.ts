import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Aws, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecurityGroup, Subnet, Vpc } from 'aws-cdk-lib/aws-ec2';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { KafkaToS3Consumer, type KafkaToS3ConsumerProps } from '../../infra/constructs/kafkaToS3Consumer';
import { awsSolutionsFindings, privateKmsBucket } from '../helpers/cdkAssertions';

const CLUSTER_PATH = 'cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const VPC_CONNECTION_PATH = 'vpc-connection/111122223333/orders/5b1d9e74-0a61-46cc-b0a6-61f9a3d797d5-7';

type Variant = 'msk-iam-cross-account' | 'msk-scram' | 'self-managed-vpc';

/** An env-agnostic stack (ARNs from the partition/region tokens) holding one consumer. */
function synth(
  variant: Variant,
  options: { bundle?: boolean; overrides?: Partial<KafkaToS3ConsumerProps> } = {},
) {
  const app = new App({ context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Consumer');
  const arn = (service: string, account: string, resource: string) =>
    `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${account}:${resource}`;
  const secret = Secret.fromSecretCompleteArn(
    stack,
    'Scram',
    arn('secretsmanager', Aws.ACCOUNT_ID, 'secret:AmazonMSK_kafka-to-s3-AbCdEf'),
  );
  const sources: Record<Variant, () => KafkaToS3ConsumerProps['source']> = {
    'msk-iam-cross-account': () => ({
      kind: 'msk',
      clusterArn: arn('kafka', '111122223333', CLUSTER_PATH),
      vpcConnectionArn: arn('kafka', Aws.ACCOUNT_ID, VPC_CONNECTION_PATH),
      auth: { kind: 'iam' },
    }),
    'msk-scram': () => ({
      kind: 'msk',
      clusterArn: arn('kafka', Aws.ACCOUNT_ID, CLUSTER_PATH),
      auth: { kind: 'scram', secret },
    }),
    'self-managed-vpc': () => {
      const vpc = Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0a1b2c3d',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        privateSubnetIds: ['subnet-0aaa', 'subnet-0bbb'],
      });
      return {
        kind: 'self-managed',
        bootstrapServers: ['kafka-1.internal.example.com:9096', 'kafka-2.internal.example.com:9096'],
        secret,
        network: {
          vpc,
          vpcSubnets: {
            subnets: ['subnet-0aaa', 'subnet-0bbb'].map((id) => Subnet.fromSubnetId(stack, id, id)),
          },
          securityGroup: SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0kafka'),
        },
      };
    },
  };
  const consumer = new KafkaToS3Consumer(stack, 'KafkaToS3', {
    source: sources[variant](),
    topic: 'orders.events',
    consumerGroupId: 'msk-flows-kafka-to-s3',
    ...options.overrides,
  });
  return { app, stack, consumer, template: Template.fromStack(stack) };
}

describe('KafkaToS3Consumer', () => {
  it('maps an MSK cluster of another account through the managed VPC connection, with partial batch responses', () => {
    // Act
    const { template } = synth('msk-iam-cross-account');

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::Join': ['', Match.arrayWith([':kafka:', `:${VPC_CONNECTION_PATH}`])] },
      Topics: ['orders.events'],
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'msk-flows-kafka-to-s3' },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('OnFailure'), 'Arn'] } },
      },
      SourceAccessConfigurations: Match.absent(),
    });
  });

  it('grants IAM access control on this cluster, topic and group only, and DescribeVpcConnection', () => {
    // Act
    const { template } = synth('msk-iam-cross-account');

    // Assess
    const statements = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    for (const action of [
      'kafka-cluster:Connect',
      'kafka-cluster:ReadData',
      'kafka-cluster:AlterGroup',
      'kafka:DescribeVpcConnection',
    ]) {
      expect(statements).toContain(action);
    }
    expect(statements).toContain(':topic/');
    expect(statements).toContain('/orders.events');
    expect(statements).toContain(':group/');
    expect(statements).toContain('/msk-flows-kafka-to-s3');
    expect(statements).not.toMatch(/"kafka-cluster:\*"|"kafka:\*"|"s3:\*"/);
  });

  it('authenticates to MSK with the SCRAM secret and may read that secret only', () => {
    // Act
    const { template } = synth('msk-scram');

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH', URI: Match.anyValue() }],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'secretsmanager:GetSecretValue',
            Resource: { 'Fn::Join': ['', Match.arrayWith([':secret:AmazonMSK_kafka-to-s3-AbCdEf'])] },
          }),
        ]),
      },
    });
  });

  it('reaches self-managed brokers in a VPC through subnet and security group access configurations', () => {
    // Act
    const { template } = synth('self-managed-vpc', {
      overrides: {
        startingPosition: StartingPosition.LATEST,
        batchSize: 500,
        maxBatchingWindow: Duration.seconds(5),
      },
    });

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      SelfManagedEventSource: {
        Endpoints: {
          KafkaBootstrapServers: ['kafka-1.internal.example.com:9096', 'kafka-2.internal.example.com:9096'],
        },
      },
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'msk-flows-kafka-to-s3' },
      StartingPosition: 'LATEST',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      SourceAccessConfigurations: [
        { Type: 'SASL_SCRAM_512_AUTH', URI: Match.anyValue() },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0aaa' },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0bbb' },
        { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-0kafka' },
      ],
    });
  });

  it('lands objects in a private, TLS-only, versioned, access-logged bucket encrypted with its own rotated key', () => {
    // Act
    const { template } = synth('msk-scram');

    // Assess
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...privateKmsBucket,
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'landing/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('runs the kafka-to-s3 task on Node 24 arm64 with tracing, writing under PREFIX with SSE-KMS only', () => {
    // Act
    const { template } = synth('msk-scram', { overrides: { prefix: 'raw/kafka', payloadEncoding: 'json' } });

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          BUCKET: Match.anyValue(),
          PREFIX: 'raw/kafka',
          KMS_KEY_ARN: Match.anyValue(),
          PAYLOAD_ENCODING: 'json',
        }),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('Landing'), 'Arn'] }, '/raw/kafka/*'],
              ],
            },
          }),
          Match.objectLike({
            Action: 'kms:GenerateDataKey',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
          }),
        ]),
      },
    });
  });

  it.each(['msk-iam-cross-account', 'msk-scram', 'self-managed-vpc'] as const)(
    'is cdk-nag AwsSolutions clean and free of literal arn:aws: (%s)',
    (variant) => {
      // Prepare
      const { app, stack } = synth(variant);

      // Act
      const findings = awsSolutionsFindings(app, stack);

      // Assess
      expect(findings).toEqual([]);
      expect(JSON.stringify(app.synth().getStackByName(stack.stackName).template)).not.toMatch(
        /arn:aws(-cn)?:/,
      );
    },
  );

  it.each([
    [
      'a consumer group id longer than 200 characters',
      { consumerGroupId: 'g'.repeat(201) },
      'consumerGroupId',
    ],
    ['a consumer group id with spaces', { consumerGroupId: 'my group' }, 'consumerGroupId'],
    ['a batch size over 10,000', { batchSize: 10_001 }, 'batchSize'],
    ['a batching window over 300 s', { maxBatchingWindow: Duration.seconds(301) }, 'maxBatchingWindow'],
  ])('rejects %s', (_label, overrides, field) => {
    // Act
    const act = () => synth('msk-scram', { overrides });

    // Assess
    expect(act).toThrow(field);
  });

  it('bundles the handler with the local esbuild', () => {
    // Prepare
    const { app } = synth('msk-scram', { bundle: true });

    // Act
    const assembly = app.synth();

    // Assess
    const bundles = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name, 'index.mjs'))
      .filter((file) => existsSync(file));
    expect(bundles).toHaveLength(1);
    expect(readFileSync(bundles[0] as string, 'utf8')).toContain('batchItemFailures');
  });
});
