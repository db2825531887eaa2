import { App } from 'aws-cdk-lib';
import { ContextError, readDeploymentConfig } from '../../../infra/config';
import { exampleContext, ingestWith } from '../../helpers/deployContext';

/** The problems readDeploymentConfig reports for `context`, or [] when it accepts it. */
function problems(context: Record<string, unknown>): string[] {
  try {
    readDeploymentConfig(new App({ context }));
    return [];
  } catch (error) {
    if (error instanceof ContextError) return error.problems;
    throw error;
  }
}

describe('deployment context', () => {
  it('synthesizes with nothing set: stage dev, env-agnostic, no VPC, no optional feature', () => {
    // Act
    const config = readDeploymentConfig(new App());

    // Assess
    expect(config).toMatchObject({
      stage: 'dev',
      env: undefined,
      kafkaNetwork: undefined,
      bundleMetafile: false,
    });
    expect(config.ingest).toEqual({ iot: {} });
  });

  it('reads every setting of the example, with the consumer in its own account', () => {
    // Act
    const config = readDeploymentConfig(new App({ context: exampleContext() }));

    // Assess
    expect(config.env).toEqual({ region: 'cn-northwest-1', account: '111122223333' });
    expect(config.consumerEnv).toEqual({ region: 'cn-northwest-1', account: '444455556666' });
    expect(config.consumerInProducerAccount).toBe(false);
    expect(config.consumerAlarmTopicArn).toBe('arn:aws-cn:sns:cn-northwest-1:444455556666:analytics-alarms');
    expect(config.kafkaNetwork).toMatchObject({
      egress: 'endpoints',
      securityGroupId: 'sg-0123456789abcdef0',
    });
    expect(config.ingest.bridge).toMatchObject({
      auth: 'scram',
      scramSecretName: 'AmazonMSK_kinesis-bridge',
    });
    expect(config.ingest.consumer).toMatchObject({
      auth: 'scram',
      vpcConnectionArn: expect.stringContaining(':vpc-connection/'),
    });
  });

  it('takes lists, flags and the ingest object as the strings `-c key=value` passes', () => {
    // Prepare
    const context = {
      'msk-flows:vpcId': 'vpc-0123456789abcdef0',
      'msk-flows:subnetIds': 'subnet-0123456789abcdef0, subnet-0fedcba9876543210',
      'msk-flows:availabilityZones': 'eu-west-1a,eu-west-1b',
      'msk-flows:kafkaClientSecurityGroupId': 'sg-0123456789abcdef0',
      'msk-flows:vpcEgress': 'nat',
      'msk-flows:bundleMetafile': 'true',
      'msk-flows:ingest': JSON.stringify({
        bridge: { topic: 't', bootstrapServers: 'b-1.x:9098', auth: 'tls' },
      }),
    };

    // Act
    const config = readDeploymentConfig(new App({ context }));

    // Assess
    expect(config.kafkaNetwork?.subnetIds).toEqual(['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210']);
    expect(config.bundleMetafile).toBe(true);
    expect(config.ingest.bridge).toEqual({ topic: 't', bootstrapServers: ['b-1.x:9098'], auth: 'tls' });
  });

  it('names every bad or missing value in one error', () => {
    // Act
    const found = problems({
      'msk-flows:stage': 'Prod',
      'msk-flows:account': '1111',
      'msk-flows:vpcId': 'vpc-0123456789abcdef0',
      'msk-flows:subnetIds': ['subnet-0123456789abcdef0'],
    });

    // Assess
    expect(found).toEqual([
      'msk-flows:stage: must be lower-case letters, digits and -, 1–16, starting with a letter, got "Prod"',
      'msk-flows:account: must be a 12-digit account id, got "1111"',
      'msk-flows:availabilityZones: required when msk-flows:vpcId is set',
      'msk-flows:kafkaClientSecurityGroupId: required when msk-flows:vpcId is set',
      'msk-flows:vpcEgress: required when msk-flows:vpcId is set: "endpoints" or "nat" (see README "Deploy")',
    ]);
  });

  it.each([
    [
      'a SCRAM bridge without its secret',
      ingestWith('bridge', { topic: 'telemetry', bootstrapServers: ['b-1.x:9096'] }),
      'msk-flows:ingest.bridge.scramSecretName: required when auth is scram',
    ],
    [
      'an IAM bridge without the cluster',
      ingestWith('bridge', { topic: 'telemetry', bootstrapServers: ['b-1.x:9098'], auth: 'iam' }),
      'msk-flows:ingest.bridge.clusterArn: required when auth is iam',
    ],
    [
      'a misspelt setting',
      ingestWith('bridge', {
        topic: 'telemetry',
        bootstrapServers: ['b-1.x:9094'],
        auth: 'tls',
        secretName: 'x',
      }),
      'msk-flows:ingest.bridge.secretName: unknown setting',
    ],
    [
      'a consumer naming both an MSK cluster and bootstrap servers',
      ingestWith('consumer', {
        ...(exampleContext()['msk-flows:ingest'] as { consumer: object }).consumer,
        bootstrapServers: ['kafka-1.internal:9096'],
      }),
      'msk-flows:ingest.consumer.clusterArn: give exactly one of clusterArn (MSK) and bootstrapServers (self-managed)',
    ],
    [
      'IoT Kafka settings given in part',
      ingestWith('iot', { kafkaTopic: 'devices.telemetry' }),
      'msk-flows:ingest.iot.bootstrapServers: required with the other IoT Kafka settings (all three or none)',
    ],
    [
      'an MSK SCRAM secret without the AmazonMSK_ prefix',
      ingestWith('bridge', { topic: 't', bootstrapServers: ['b-1.x:9096'], scramSecretName: 'bridge' }),
      'msk-flows:ingest.bridge.scramSecretName: must be a secret name starting with AmazonMSK_, got "bridge"',
    ],
    [
      'VPC endpoints without the route tables of the S3 gateway endpoint',
      { ...exampleContext(), 'msk-flows:routeTableIds': undefined },
      'msk-flows:routeTableIds: required with vpcEgress endpoints (S3 gateway endpoint)',
    ],
    [
      'VPC endpoints in an env-agnostic stack',
      { ...exampleContext(), 'msk-flows:region': undefined, 'msk-flows:alarmTopicArn': undefined },
      'msk-flows:region: required with vpcEgress endpoints: service names depend on it',
    ],
    [
      'an alarm topic of another Region',
      { ...exampleContext(), 'msk-flows:alarmTopicArn': 'arn:aws-cn:sns:cn-north-1:111122223333:alarms' },
      'msk-flows:alarmTopicArn: must be in cn-northwest-1: alarms notify topics of their own Region',
    ],
  ])('rejects %s, naming the setting', (_case, context, expected) => {
    // Act
    const found = problems(context);

    // Assess
    expect(found).toContain(expected);
  });
});
