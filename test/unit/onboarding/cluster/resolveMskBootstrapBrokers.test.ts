import { GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveMskBootstrapBrokers } from '../../../../tasks/onboarding/cluster/resolveMskBootstrapBrokers';

const kafka = mockClient(KafkaClient);
const CLUSTER_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const deps = () => ({ kafka: new KafkaClient({ region: 'cn-northwest-1' }) });
const host = (n: number, port: number, prefix = 'b') =>
  `${prefix}-${n}.orders.abc123.c2.kafka.cn-northwest-1.amazonaws.com.cn:${port}`;

describe('resolveMskBootstrapBrokers', () => {
  afterEach(() => {
    kafka.reset();
  });

  it.each([
    ['scram', 9096],
    ['iam', 9098],
  ] as const)('returns the private %s listener brokers as a list', async (auth, port) => {
    // Prepare
    kafka.on(GetBootstrapBrokersCommand).resolves({
      BootstrapBrokerStringSaslScram: `${host(1, 9096)},${host(2, 9096)}`,
      BootstrapBrokerStringSaslIam: `${host(1, 9098)},${host(2, 9098)}`,
      BootstrapBrokerStringPublicSaslScram: host(1, 9196, 'public'),
      BootstrapBrokerStringPublicSaslIam: host(1, 9198, 'public'),
    });

    // Act
    const brokers = await resolveMskBootstrapBrokers(CLUSTER_ARN, auth, deps());

    // Assess
    expect(brokers).toEqual([host(1, port), host(2, port)]);
    expect(kafka).toHaveReceivedCommandWith(GetBootstrapBrokersCommand, { ClusterArn: CLUSTER_ARN });
  });

  it('falls back to the public listener only when there is no private one', async () => {
    // Prepare
    kafka
      .on(GetBootstrapBrokersCommand)
      .resolves({ BootstrapBrokerStringPublicSaslScram: `${host(1, 9196)}, ${host(2, 9196)}` });

    // Act
    const brokers = await resolveMskBootstrapBrokers(CLUSTER_ARN, 'scram', deps());

    // Assess
    expect(brokers).toEqual([host(1, 9196), host(2, 9196)]);
  });

  it('fails with MskListenerNotFoundError when the cluster has no listener for that authentication', async () => {
    // Prepare
    kafka.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringSaslIam: host(1, 9098) });

    // Act
    const error = await resolveMskBootstrapBrokers(CLUSTER_ARN, 'scram', deps()).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toMatchObject({ name: 'MskListenerNotFoundError', auth: 'scram', cluster: CLUSTER_ARN });
  });

  it('fails with InvalidMskClusterArnError for a non-MSK ARN without calling MSK', async () => {
    // Act
    const error = await resolveMskBootstrapBrokers(
      'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_x-AbCdEf',
      'iam',
      deps(),
    ).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'InvalidMskClusterArnError' });
    expect(kafka.calls()).toHaveLength(0);
  });
});
