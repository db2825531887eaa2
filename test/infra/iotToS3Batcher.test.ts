import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FlowLogDestination, FlowLogTrafficType, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  IOT_TELEMETRY_SQL,
  IotToS3Batcher,
  type IotToS3BatcherProps,
} from '../../infra/constructs/iotToS3Batcher';
import { awsSolutionsFindings, privateKmsBucket } from '../helpers/cdkAssertions';

/** A test stack with the batcher and, unless `withKafka` is false, the Kafka rule in a VPC. */
function buildStack(options: { region?: string; bundle?: boolean; withKafka?: boolean } = {}) {
  const app = new App({ context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(
    app,
    'IotToS3Test',
    options.region ? { env: { region: options.region } } : undefined,
  );
  let kafka: IotToS3BatcherProps['kafka'];
  if (options.withKafka !== false) {
    const vpc = new Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'brokers', subnetType: SubnetType.PRIVATE_ISOLATED }],
      flowLogs: {
        all: { destination: FlowLogDestination.toCloudWatchLogs(), trafficType: FlowLogTrafficType.ALL },
      },
    });
    const clients = new SecurityGroup(stack, 'KafkaClients', { vpc, allowAllOutbound: false });
    kafka = {
      network: { vpc, securityGroups: [clients] },
      bootstrapServers: 'b-1.demo.kafka.eu-west-1.example:9096,b-2.demo.kafka.eu-west-1.example:9096',
      topic: 'devices.telemetry',
      scramSecret: Secret.fromSecretNameV2(stack, 'ScramSecret', 'AmazonMSK_iot_rule'),
    };
  }
  const batcher = new IotToS3Batcher(stack, 'IotToS3', {
    stage: 'dev',
    maxMessagesPerObject: 5000,
    batchSize: 5000,
    maxBatchingWindow: Duration.seconds(30),
    kafka,
  });
  return { app, stack, batcher };
}

const built = buildStack();
const template = Template.fromStack(built.stack);
const json = () => JSON.stringify(template.toJSON());

describe('IotToS3Batcher', () => {
  it('routes devices/+/telemetry to the queue with the rule SQL and an SQS error action', () => {
    // Assess
    template.hasResourceProperties('AWS::IoT::TopicRule', {
      RuleName: 'msk_flows_dev_telemetry_sqs',
      TopicRulePayload: {
        Sql: IOT_TELEMETRY_SQL,
        AwsIotSqlVersion: '2016-03-23',
        RuleDisabled: false,
        Actions: [
          {
            Sqs: {
              QueueUrl: { Ref: Match.stringLikeRegexp('IotToS3Queue') },
              UseBase64: false,
              RoleArn: Match.anyValue(),
            },
          },
        ],
        ErrorAction: {
          Sqs: {
            QueueUrl: { Ref: Match.stringLikeRegexp('IotToS3RuleErrorQueue') },
            UseBase64: false,
            RoleArn: Match.anyValue(),
          },
        },
      },
    });
    expect(IOT_TELEMETRY_SQL).toBe(
      "SELECT *, clientid() AS clientId, timestamp() AS receivedAt FROM 'devices/+/telemetry'",
    );
  });

  it('encrypts every queue with the customer-managed key and gives the rule queue a redrive DLQ', () => {
    // Assess
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(4);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties.KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^IotToS3Key/), 'Arn'],
      });
    }
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 6 * 60 + 30,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IotToS3DeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('denies non-TLS access to every queue and to the bucket', () => {
    // Assess
    const insecure = Match.objectLike({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(
      Object.keys(
        template.findResources('AWS::SQS::QueuePolicy', {
          Properties: { PolicyDocument: { Statement: Match.arrayWith([insecure]) } },
        }),
      ),
    ).toHaveLength(4);
    expect(
      Object.keys(
        template.findResources('AWS::S3::BucketPolicy', {
          Properties: { PolicyDocument: { Statement: Match.arrayWith([insecure]) } },
        }),
      ),
    ).toHaveLength(2);
  });

  it('lands objects in a KMS-encrypted, bucket-owner-enforced, private bucket', () => {
    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...privateKmsBucket,
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'iot-telemetry/' }),
    });
  });

  it('runs the batcher on the queue with a batching window and partial batch responses', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IotToS3Queue'), 'Arn'] },
      BatchSize: 5000,
      MaximumBatchingWindowInSeconds: 30,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          BUCKET: { Ref: Match.stringLikeRegexp('IotToS3Bucket') },
          PREFIX: 'iot/telemetry',
          MAX_MESSAGES_PER_OBJECT: '5000',
          MAX_BYTES_PER_OBJECT: String(16 * 1024 * 1024),
          DLQ_QUEUE_URL: { Ref: Match.stringLikeRegexp('IotToS3ParkedQueue') },
          DLQ_CLAIM_CHECK_PREFIX: 'dlq/iot-to-s3/',
        }),
      },
    });
  });

  it('lets the SQS rule role only send to its two queues, assumable by IoT for that rule only', () => {
    // Assess
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Description: 'msk-flows IoT telemetry rule: send to its queues' },
    });
    const [logicalId, role] = Object.entries(roles)[0] ?? [];
    expect(role?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'iot.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':iot:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':rule/msk_flows_dev_telemetry_sqs',
                ],
              ],
            },
          },
        },
      },
    ]);
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalId }] },
    });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const sqsStatements = statements.filter((s) => JSON.stringify(s.Action).includes('sqs:'));
    expect(sqsStatements.map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': [expect.stringMatching(/^IotToS3Queue/), 'Arn'] },
      { 'Fn::GetAtt': [expect.stringMatching(/^IotToS3RuleErrorQueue/), 'Arn'] },
    ]);
    expect(sqsStatements.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['sqs:SendMessage']));
    expect(
      sqsStatements
        .flatMap((s) => s.Action)
        .filter((a: string) => !a.startsWith('sqs:Send') && !a.startsWith('sqs:GetQueue')),
    ).toEqual([]);
  });

  it('offers the Kafka action through a VPC destination with get_secret credentials and an error action', () => {
    // Assess
    template.hasResourceProperties('AWS::IoT::TopicRuleDestination', {
      Status: 'ENABLED',
      VpcProperties: {
        VpcId: { Ref: Match.stringLikeRegexp('Vpc') },
        SubnetIds: [Match.anyValue(), Match.anyValue()],
        SecurityGroups: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('KafkaClients'), 'GroupId'] }],
        RoleArn: Match.anyValue(),
      },
    });
    const rules = template.findResources('AWS::IoT::TopicRule', {
      Properties: { RuleName: 'msk_flows_dev_telemetry_kafka' },
    });
    const payload = Object.values(rules)[0]?.Properties.TopicRulePayload;
    expect(payload.Sql).toBe(IOT_TELEMETRY_SQL);
    expect(payload.ErrorAction.Sqs.QueueUrl).toEqual({
      Ref: expect.stringMatching(/^IotToS3RuleErrorQueue/),
    });
    const kafka = payload.Actions[0].Kafka;
    expect(kafka).toMatchObject({ Topic: 'devices.telemetry', Key: `\${clientid()}` });
    expect(kafka.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Destination/), 'Arn'] });
    expect(kafka.ClientProperties).toMatchObject({
      'bootstrap.servers': 'b-1.demo.kafka.eu-west-1.example:9096,b-2.demo.kafka.eu-west-1.example:9096',
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
    });
    const username = JSON.stringify(built.stack.resolve(kafka.ClientProperties['sasl.scram.username']));
    expect(username).toMatch(/^\{"Fn::Join":\["",\["\$\{get_secret\('arn:",\{"Ref":"AWS::Partition"\}/);
    expect(username).toContain(":secret:AmazonMSK_iot_rule', 'SecretString', 'username', '");
    expect(JSON.stringify(kafka.ClientProperties['sasl.scram.password'])).toContain(
      "', 'SecretString', 'password', '",
    );
  });

  it('lets the Kafka rule role read only the SCRAM secret, and scopes the destination ENI permissions', () => {
    // Assess
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    const secretStatement = statements.find((s) => JSON.stringify(s.Action).includes('secretsmanager:'));
    expect(secretStatement.Action).toEqual('secretsmanager:GetSecretValue');
    expect(JSON.stringify(secretStatement.Resource)).toContain(':secret:AmazonMSK_iot_rule-??????');
    const create = statements.find((s) => s.Action === 'ec2:CreateNetworkInterface');
    expect(JSON.stringify(create.Resource)).toMatch(/network-interface\/\*.*subnet\/.*security-group\//);
    expect(statements.find((s) => s.Action.includes?.('ec2:DeleteNetworkInterface')).Resource).not.toBe('*');
  });

  it('refuses a SCRAM secret without the AmazonMSK_ prefix', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Bad');
    const vpc = new Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'p', subnetType: SubnetType.PRIVATE_ISOLATED }],
    });

    // Act
    const act = () =>
      new IotToS3Batcher(stack, 'IotToS3', {
        stage: 'dev',
        kafka: {
          network: { vpc, securityGroups: [new SecurityGroup(stack, 'Sg', { vpc })] },
          bootstrapServers: 'b-1:9096',
          topic: 't',
          scramSecret: Secret.fromSecretNameV2(stack, 'S', 'iot_rule'),
        },
      });

    // Assess
    expect(act).toThrow('scramSecret must be an AmazonMSK_ secret');
  });

  it('creates no Kafka rule unless asked', () => {
    // Act
    const plain = Template.fromStack(buildStack({ withKafka: false }).stack);

    // Assess
    plain.resourceCountIs('AWS::IoT::TopicRule', 1);
    plain.resourceCountIs('AWS::IoT::TopicRuleDestination', 0);
  });

  it.each(['eu-west-1', 'cn-northwest-1'])('synthesizes no literal arn:aws: partition in %s', (region) => {
    // Act
    const text = JSON.stringify(Template.fromStack(buildStack({ region }).stack).toJSON());

    // Assess
    expect(text).not.toMatch(/arn:aws(-cn)?:/);
  });

  it('reports no unacknowledged cdk-nag AwsSolutions finding', () => {
    // Act
    const findings = awsSolutionsFindings(built.app, built.stack);

    // Assess
    expect(findings).toEqual([]);
    expect(json()).not.toContain('"Resource":"*","Action":"s3:');
  });

  it('bundles the batcher entry with esbuild', () => {
    // Act
    const bundled = Template.fromStack(buildStack({ bundle: true, withKafka: false }).stack);

    // Assess
    bundled.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Code: { S3Key: Match.stringLikeRegexp('\\.zip$') },
    });
  });
});
