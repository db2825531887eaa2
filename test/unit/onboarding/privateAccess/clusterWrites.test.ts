import {
  DescribeClusterOperationV2Command,
  DescribeClusterV2Command,
  GetClusterPolicyCommand,
  PutClusterPolicyCommand,
  UpdateConnectivityCommand,
} from '@aws-sdk/client-kafka';
import { describeConnectivityUpdate } from '../../../../tasks/onboarding/privateAccess/describeConnectivityUpdate';
import { enableMultiVpcConnectivity } from '../../../../tasks/onboarding/privateAccess/enableMultiVpcConnectivity';
import { mergeClusterPolicy } from '../../../../tasks/onboarding/privateAccess/mergeClusterPolicy';
import { awsError, CLUSTER_ARN, emptyJournal, mockedDeps, REQUEST } from './fixtures';

const cluster = (scram: boolean, state = 'ACTIVE', version = 'K1') => ({
  ClusterInfo: {
    ClusterArn: CLUSTER_ARN,
    State: state as 'ACTIVE',
    CurrentVersion: version,
    Provisioned: {
      NumberOfBrokerNodes: 3,
      BrokerNodeGroupInfo: {
        ClientSubnets: ['subnet-1'],
        InstanceType: 'kafka.m7g.large',
        ConnectivityInfo: {
          VpcConnectivity: {
            ClientAuthentication: { Sasl: { Scram: { Enabled: scram }, Iam: { Enabled: true } } },
          },
        },
      },
    },
  },
});

describe('enableMultiVpcConnectivity', () => {
  it('turns SASL/SCRAM on with CurrentVersion, keeps IAM as it is, and journals the operation', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(DescribeClusterV2Command).resolves(cluster(false));
    mocks.kafka.on(UpdateConnectivityCommand).resolves({ ClusterOperationArn: 'op-arn' });

    // Act
    const journal = await enableMultiVpcConnectivity({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandWith(UpdateConnectivityCommand, {
      ClusterArn: CLUSTER_ARN,
      CurrentVersion: 'K1',
      ConnectivityInfo: {
        VpcConnectivity: {
          ClientAuthentication: {
            Sasl: { Scram: { Enabled: true }, Iam: { Enabled: true } },
            Tls: { Enabled: false },
          },
        },
      },
    });
    expect(journal.ledger).toEqual([
      { kind: 'multi-vpc-connectivity', clusterArn: CLUSTER_ARN, operationArn: 'op-arn' },
    ]);
    expect(journal.changes[0]).toMatchObject({ kind: 'multi-vpc-connectivity', action: 'update' });
  });

  it('changes nothing when SASL/SCRAM multi-VPC connectivity is already on', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(DescribeClusterV2Command).resolves(cluster(true));

    // Act
    const journal = await enableMultiVpcConnectivity({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandTimes(UpdateConnectivityCommand, 0);
    expect(journal).toEqual({ ledger: [], changes: [expect.objectContaining({ action: 'none' })] });
  });

  it('reads the version again after a CurrentVersion conflict and retries', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka
      .on(DescribeClusterV2Command)
      .resolvesOnce(cluster(false, 'ACTIVE', 'K1'))
      .resolves(cluster(false, 'ACTIVE', 'K2'));
    mocks.kafka
      .on(UpdateConnectivityCommand)
      .rejectsOnce(awsError('BadRequestException', 'The cluster version does not match the current version'))
      .resolves({ ClusterOperationArn: 'op-arn' });

    // Act
    await enableMultiVpcConnectivity({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    const versions = mocks.kafka
      .commandCalls(UpdateConnectivityCommand)
      .map((c) => c.args[0].input.CurrentVersion);
    expect(versions).toEqual(['K1', 'K2']);
  });

  it('throws the retriable ClusterBusyError while someone else updates the cluster', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(DescribeClusterV2Command).resolves(cluster(false, 'UPDATING'));

    // Act
    const act = enableMultiVpcConnectivity({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ClusterBusyError', retriable: true });
  });
});

describe('describeConnectivityUpdate', () => {
  const journal = {
    ledger: [{ kind: 'multi-vpc-connectivity' as const, clusterArn: CLUSTER_ARN, operationArn: 'op-arn' }],
    changes: [],
  };

  it('follows the operation through its states with growing waits until UPDATE_COMPLETE', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka
      .on(DescribeClusterOperationV2Command)
      .resolvesOnce({ ClusterOperationInfo: { OperationState: 'PENDING' } })
      .resolvesOnce({ ClusterOperationInfo: { OperationState: 'UPDATE_IN_PROGRESS' } })
      .resolves({ ClusterOperationInfo: { OperationState: 'UPDATE_COMPLETE' } });

    // Act
    const first = await describeConnectivityUpdate({ request: REQUEST, journal }, deps);
    const second = await describeConnectivityUpdate({ request: REQUEST, journal, connectivity: first }, deps);
    const third = await describeConnectivityUpdate({ request: REQUEST, journal, connectivity: second }, deps);

    // Assess
    expect([first, second, third]).toEqual([
      { done: false, state: 'PENDING', attempt: 1, waitSeconds: 30 },
      { done: false, state: 'UPDATE_IN_PROGRESS', attempt: 2, waitSeconds: 60 },
      { done: true, state: 'UPDATE_COMPLETE', attempt: 3, waitSeconds: 0 },
    ]);
    expect(mocks.kafka).toHaveReceivedCommandWith(DescribeClusterOperationV2Command, {
      ClusterOperationArn: 'op-arn',
    });
  });

  it('surfaces the error info of UPDATE_FAILED', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(DescribeClusterOperationV2Command).resolves({
      ClusterOperationInfo: {
        OperationState: 'UPDATE_FAILED',
        ErrorInfo: {
          ErrorCode: 'InvalidConfig',
          ErrorString: 'allow.everyone.if.no.acl.found must be false',
        },
      },
    });

    // Act
    const act = describeConnectivityUpdate({ request: REQUEST, journal }, deps);

    // Assess
    await expect(act).rejects.toThrow(
      /UPDATE_FAILED: InvalidConfig: allow.everyone.if.no.acl.found must be false/,
    );
  });
});

describe('mergeClusterPolicy', () => {
  const foreign =
    '{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"kafka:DescribeClusterV2","Resource":"*"}]}';

  it('retries on a version conflict, merging again into the newer policy with its CurrentVersion', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    const newer = foreign.replace('Partner', 'Partner2');
    mocks.kafka
      .on(GetClusterPolicyCommand)
      .resolvesOnce({ Policy: foreign, CurrentVersion: 'v1' })
      .resolves({ Policy: newer, CurrentVersion: 'v2' });
    mocks.kafka
      .on(PutClusterPolicyCommand)
      .rejectsOnce(awsError('ConflictException'))
      .resolves({ CurrentVersion: 'v3' });

    // Act
    const journal = await mergeClusterPolicy({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    const puts = mocks.kafka.commandCalls(PutClusterPolicyCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.CurrentVersion)).toEqual(['v1', 'v2']);
    expect(puts[1]?.Policy?.startsWith(newer.slice(0, -2))).toBe(true);
    expect(journal.ledger).toEqual([
      {
        kind: 'cluster-policy-statement',
        clusterArn: CLUSTER_ARN,
        sid: 'MskFlowsConsumer444455556666',
        previous: null,
      },
    ]);
  });

  it('writes nothing when the statement is already there', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: foreign, CurrentVersion: 'v1' });
    mocks.kafka.on(PutClusterPolicyCommand).callsFake((input) => {
      mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: input.Policy, CurrentVersion: 'v2' });
      return { CurrentVersion: 'v2' };
    });
    await mergeClusterPolicy({ request: REQUEST, journal: emptyJournal() }, deps);

    // Act
    const again = await mergeClusterPolicy({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 1);
    expect(again).toEqual({
      ledger: [],
      changes: [expect.objectContaining({ kind: 'cluster-policy-statement', action: 'none' })],
    });
  });

  it('gives up with the retriable ClusterVersionConflictError after its in-task attempts', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: foreign, CurrentVersion: 'v1' });
    mocks.kafka.on(PutClusterPolicyCommand).rejects(awsError('ConflictException'));

    // Act
    const act = mergeClusterPolicy({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ClusterVersionConflictError' });
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 4);
  });
});
