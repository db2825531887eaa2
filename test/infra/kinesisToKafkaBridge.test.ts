import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Stream } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  type KinesisToKafkaAuth,
  KinesisToKafkaBridge,
  type KinesisToKafkaBridgeProps,
} from '../../infra/constructs/kinesisToKafkaBridge';
import { DEFAULT_BRIDGE_COMPRESSION } from '../../tasks/ingest/kinesisToKafka/config';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';

type AuthKind = KinesisToKafkaAuth['type'];

/** A stack holding only the bridge, its collaborators imported by ARN (as another stack would pass them). */
function bridgeStack(kind: AuthKind, options: { bundle?: boolean; network?: boolean; region?: string } = {}) {
  const app = new App({ context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Bridge', {
    env: { account: '123456789012', region: options.region ?? 'cn-north-1' },
  });
  const arn = (
    service: string,
    resource: string,
    resourceName: string,
    sep = ArnFormat.SLASH_RESOURCE_NAME,
  ) => stack.formatArn({ service, resource, resourceName, arnFormat: sep });
  const auth: KinesisToKafkaAuth =
    kind === 'scram'
      ? {
          type: 'scram',
          secret: Secret.fromSecretAttributes(stack, 'Scram', {
            secretCompleteArn: arn(
              'secretsmanager',
              'secret',
              'AmazonMSK_bridge-AbCdEf',
              ArnFormat.COLON_RESOURCE_NAME,
            ),
            encryptionKey: Key.fromKeyArn(stack, 'ScramKey', arn('kms', 'key', '1111-2222')),
          }),
        }
      : kind === 'iam'
        ? { type: 'iam', clusterArn: arn('kafka', 'cluster', 'main/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2') }
        : { type: 'tls' };
  let network: KinesisToKafkaBridgeProps['network'];
  if (options.network) {
    const vpc = Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      availabilityZones: ['cn-north-1a', 'cn-north-1b'],
      privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
    });
    network = {
      vpc,
      securityGroups: [SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0')],
    };
  }
  const bridge = new KinesisToKafkaBridge(stack, 'KinesisToKafka', {
    stream: Stream.fromStreamArn(stack, 'Stream', arn('kinesis', 'stream', 'flight-telemetry')),
    topic: 'flight.telemetry',
    bootstrapServers:
      'b-1.main.kafka.cn-north-1.amazonaws.com.cn:9096,b-2.main.kafka.cn-north-1.amazonaws.com.cn:9096',
    auth,
    deadLetterQueue: Queue.fromQueueAttributes(stack, 'Dlq', {
      queueArn: stack.formatArn({
        service: 'sqs',
        resource: 'msk-flows-dlq',
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
      }),
      keyArn: arn('kms', 'key', '3333-4444'),
    }),
    claimCheckBucket: Bucket.fromBucketAttributes(stack, 'Claims', {
      bucketName: 'msk-flows-dlq-claims',
      encryptionKey: Key.fromKeyArn(stack, 'ClaimsKey', arn('kms', 'key', '5555-6666')),
    }),
    network,
  });
  return { app, stack, bridge, template: Template.fromStack(stack) };
}

/** Every IAM policy statement of the template, flattened. */
function statements(template: Template): { Action: string | string[]; Resource: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement,
  );
}

const actionsOf = (template: Template) =>
  statements(template).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('KinesisToKafkaBridge', () => {
  it('configures the trigger with bisect, bounded retries and age, parallelization, batching window, partial batch responses and an on-failure queue', () => {
    // Act
    const { template, stack, bridge } = bridgeStack('scram');

    // Assess
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(
        stack.formatArn({ service: 'kinesis', resource: 'stream', resourceName: 'flight-telemetry' }),
      ),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 2,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 3600,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: stack.resolve(bridge.onFailureQueue.queueArn) },
      },
    });
  });

  it('takes trigger settings from props', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Tuned');

    // Act
    new KinesisToKafkaBridge(stack, 'Bridge', {
      stream: new Stream(stack, 'Stream', { encryption: undefined }),
      topic: 't',
      bootstrapServers: 'b:9094',
      auth: { type: 'tls' },
      deadLetterQueue: Queue.fromQueueArn(
        stack,
        'Dlq',
        stack.formatArn({ service: 'sqs', resource: 'dlq', arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      ),
      claimCheckBucket: Bucket.fromBucketName(stack, 'Claims', 'claims'),
      trigger: {
        batchSize: 250,
        parallelizationFactor: 4,
        retryAttempts: 2,
        maxRecordAge: Duration.hours(1),
        maxBatchingWindow: Duration.seconds(5),
      },
    });

    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 250,
      ParallelizationFactor: 4,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 3600,
      MaximumBatchingWindowInSeconds: 5,
    });
  });

  it('encrypts the on-failure queue with KMS and gives it its own dead-letter queue', () => {
    // Act
    const { template } = bridgeStack('scram');

    // Assess
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    for (const queue of Object.values(queues)) {
      expect(queue).toMatchObject({ Properties: { KmsMasterKeyId: expect.anything() } });
    }
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.resourceCountIs('AWS::SQS::QueuePolicy', 2);
  });

  it('gives the function the environment the bridge reads', () => {
    // Act
    const { template, stack } = bridgeStack('scram');

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          TARGET_TOPIC: 'flight.telemetry',
          KAFKA_BOOTSTRAP_SERVERS: Match.stringLikeRegexp('^b-1\\..*:9096,b-2\\..*:9096$'),
          KAFKA_AUTH: 'scram',
          KAFKA_TLS: 'true',
          KAFKA_SECRET_ARN: stack.resolve(
            stack.formatArn({
              service: 'secretsmanager',
              resource: 'secret',
              resourceName: 'AmazonMSK_bridge-AbCdEf',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ),
          DLQ_QUEUE_URL: Match.anyValue(),
          DLQ_BUCKET: 'msk-flows-dlq-claims',
          DLQ_PREFIX: 'kinesis-to-kafka/',
          KAFKA_COMPRESSION: DEFAULT_BRIDGE_COMPRESSION,
          POWERTOOLS_SERVICE_NAME: 'kinesis-to-kafka',
        }),
      },
    });
  });

  it('grants SCRAM mode reading its secret, SendMessage on the DLQ and PutObject under its prefix, and no Kafka IAM action', () => {
    // Act
    const { template, stack } = bridgeStack('scram');

    // Assess
    const all = statements(template);
    const secretArn = stack.resolve(
      stack.formatArn({
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: 'AmazonMSK_bridge-AbCdEf',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Resource: secretArn,
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Resource: stack.resolve(
          stack.formatArn({
            service: 'sqs',
            resource: 'msk-flows-dlq',
            arnFormat: ArnFormat.NO_RESOURCE_NAME,
          }),
        ),
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: stack.resolve(
          stack.formatArn({ service: 'kms', resource: 'key', resourceName: '1111-2222' }),
        ),
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    );
    expect(all).toContainEqual(expect.objectContaining({ Action: 's3:PutObject' }));
    const put = all.find((s) => s.Action === 's3:PutObject');
    expect(JSON.stringify(put?.Resource)).toContain('msk-flows-dlq-claims/kinesis-to-kafka/*');
    expect(actionsOf(template).filter((a) => a.startsWith('kafka-cluster:'))).toEqual([]);
    expect(actionsOf(template)).not.toContain('s3:*');
  });

  it('grants IAM mode the exact kafka-cluster actions on the cluster and topic ARNs built with the partition', () => {
    // Act
    const { template, stack } = bridgeStack('iam');

    // Assess
    const all = statements(template);
    const cluster = all.find((s) => JSON.stringify(s.Action).includes('kafka-cluster:Connect'));
    const topic = all.find((s) => JSON.stringify(s.Action).includes('kafka-cluster:WriteData"'));
    expect(cluster?.Action).toEqual(['kafka-cluster:Connect', 'kafka-cluster:WriteDataIdempotently']);
    expect(cluster?.Resource).toEqual(
      stack.resolve(
        stack.formatArn({
          service: 'kafka',
          resource: 'cluster',
          resourceName: 'main/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2',
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ),
    );
    const onTopic = all.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(topic?.Resource));
    expect(onTopic.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:DescribeTopicDynamicConfiguration',
      'kafka-cluster:WriteData',
    ]);
    const topicArn = JSON.stringify(stack.resolve(topic?.Resource));
    expect(topicArn).toContain('AWS::Partition');
    expect(topicArn).toContain(':topic/');
    expect(topicArn).toContain('/flight.telemetry');
    expect(actionsOf(template)).not.toContain('secretsmanager:GetSecretValue');
  });

  it('places the function in the VPC with the given security group when a network is given', () => {
    // Act
    const { template } = bridgeStack('iam', { network: true });

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: {
        SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      },
    });
  });

  it.each(['scram', 'iam', 'tls'] as const)('passes the AwsSolutions checks with %s auth', (kind) => {
    // Prepare
    const { app, stack } = bridgeStack(kind, { network: kind === 'iam' });

    // Act
    const findings = awsSolutionsFindings(app, stack);

    // Assess
    expect(findings).toEqual([]);
  });

  it('writes no literal aws partition into the template', () => {
    // Act
    const templates = (['scram', 'iam', 'tls'] as const).map((kind) =>
      JSON.stringify(bridgeStack(kind).template.toJSON()),
    );

    // Assess
    for (const json of templates) expect(json).not.toContain('arn:aws:');
  });

  it('bundles the handler with esbuild into one small ES module file', () => {
    // Act
    const { app } = bridgeStack('scram', { bundle: true, region: 'eu-west-1' });
    const assembly = app.synth();

    // Assess
    const assets = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    const bundles = assets.map((d) => join(assembly.directory, d, 'index.mjs')).filter((f) => existsSync(f));
    expect(bundles).toHaveLength(1);
    const size = statSync(bundles[0] ?? '').size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(5_000_000);
  });
});
