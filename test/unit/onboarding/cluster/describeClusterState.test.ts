import { DescribeClusterV2Command, KafkaClient } from '@aws-sdk/client-kafka';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  clusterWaitSeconds,
  type DescribeClusterStateOutput,
  describeClusterState,
  MAX_CLUSTER_STATE_CHECKS,
} from '../../../../tasks/onboarding/cluster/describeClusterState';

const kafka = mockClient(KafkaClient);
const CLUSTER_ARN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const request = { cluster: { kind: 'msk' as const, arn: CLUSTER_ARN } };

function provisioned(state: string, scram = true) {
  return {
    ClusterInfo: {
      ClusterArn: CLUSTER_ARN,
      ClusterType: 'PROVISIONED' as const,
      State: state as 'ACTIVE',
      CurrentVersion: 'K3AEGXETSR30VB',
      Provisioned: {
        BrokerNodeGroupInfo: undefined,
        NumberOfBrokerNodes: 3,
        ClientAuthentication: { Sasl: { Scram: { Enabled: scram } } },
      },
    },
  };
}

function deps() {
  return {
    kafka: new KafkaClient({ region: 'cn-northwest-1' }),
    logger: { info: jest.fn(), warn: jest.fn() },
  };
}

describe('describeClusterState', () => {
  afterEach(() => {
    kafka.reset();
  });

  it('reports UPDATING as not active with growing waits, then ACTIVE as active, as the Wait loop feeds it back', async () => {
    // Prepare
    kafka
      .on(DescribeClusterV2Command)
      .resolvesOnce(provisioned('UPDATING'))
      .resolvesOnce(provisioned('UPDATING'))
      .resolvesOnce(provisioned('UPDATING'))
      .resolves(provisioned('ACTIVE'));
    const d = deps();

    // Act
    const results: DescribeClusterStateOutput[] = [];
    let cluster: DescribeClusterStateOutput | undefined;
    do {
      cluster = await describeClusterState({ request, cluster }, d);
      results.push(cluster);
    } while (!cluster.active);

    // Assess
    expect(results).toEqual([
      { state: 'UPDATING', currentVersion: 'K3AEGXETSR30VB', active: false, attempt: 1, waitSeconds: 15 },
      { state: 'UPDATING', currentVersion: 'K3AEGXETSR30VB', active: false, attempt: 2, waitSeconds: 30 },
      { state: 'UPDATING', currentVersion: 'K3AEGXETSR30VB', active: false, attempt: 3, waitSeconds: 60 },
      { state: 'ACTIVE', currentVersion: 'K3AEGXETSR30VB', active: true, attempt: 4, waitSeconds: 0 },
    ]);
    expect(kafka).toHaveReceivedCommandWith(DescribeClusterV2Command, { ClusterArn: CLUSTER_ARN });
  });

  it('caps the wait at 300 seconds', () => {
    // Act
    const waits = Array.from({ length: 8 }, (_, index) => clusterWaitSeconds(index + 1));

    // Assess
    expect(waits).toEqual([15, 30, 60, 120, 240, 300, 300, 300]);
  });

  it('gives up with ClusterNotActiveError after the last allowed check', async () => {
    // Prepare
    kafka.on(DescribeClusterV2Command).resolves(provisioned('MAINTENANCE'));

    // Act
    const beforeLast = await describeClusterState(
      { request, cluster: { attempt: MAX_CLUSTER_STATE_CHECKS - 2 } },
      deps(),
    );
    const error = await describeClusterState(
      { request, cluster: { attempt: MAX_CLUSTER_STATE_CHECKS - 1 } },
      deps(),
    ).catch((caught: unknown) => caught);

    // Assess
    expect(beforeLast).toMatchObject({
      active: false,
      attempt: MAX_CLUSTER_STATE_CHECKS - 1,
      waitSeconds: 300,
    });
    expect(error).toMatchObject({
      name: 'ClusterNotActiveError',
      state: 'MAINTENANCE',
      attempts: MAX_CLUSTER_STATE_CHECKS,
    });
  });

  it.each(['FAILED', 'DELETING'])(
    'fails at once with ClusterUnusableError when the cluster is %s',
    async (state) => {
      // Prepare
      kafka.on(DescribeClusterV2Command).resolves(provisioned(state));

      // Act
      const error = await describeClusterState({ request }, deps()).catch((caught: unknown) => caught);

      // Assess
      expect(error).toMatchObject({ name: 'ClusterUnusableError', state, cluster: CLUSTER_ARN });
    },
  );

  it('fails with ScramNotSupportedError for a serverless cluster', async () => {
    // Prepare
    kafka.on(DescribeClusterV2Command).resolves({
      ClusterInfo: {
        ClusterArn: CLUSTER_ARN,
        ClusterType: 'SERVERLESS',
        State: 'ACTIVE',
        Serverless: { VpcConfigs: [] },
      },
    });

    // Act
    const error = await describeClusterState({ request }, deps()).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ScramNotSupportedError', reason: 'serverless' });
  });

  it('fails with ScramNotSupportedError when the ACTIVE cluster has SCRAM disabled', async () => {
    // Prepare
    kafka.on(DescribeClusterV2Command).resolves(provisioned('ACTIVE', false));

    // Act
    const error = await describeClusterState({ request }, deps()).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ScramNotSupportedError', reason: 'scram-disabled' });
  });

  it('fails with NotAnMskClusterError for a self-managed cluster without calling MSK', async () => {
    // Act
    const error = await describeClusterState(
      { request: { cluster: { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] } } },
      deps(),
    ).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'NotAnMskClusterError' });
    expect(kafka.calls()).toHaveLength(0);
  });
});
