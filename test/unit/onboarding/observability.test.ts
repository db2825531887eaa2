import { DescribeClusterV2Command, KafkaClient, UpdateConnectivityCommand } from '@aws-sdk/client-kafka';
import { jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Journal } from '../../../tasks/onboarding/contracts';
import { CHANGES_MADE_METRIC, changesMade } from '../../../tasks/onboarding/observability';
import { privateAccessDeps } from '../../../tasks/onboarding/privateAccess/clients';
import { createEnableMultiVpcConnectivityHandler } from '../../../tasks/onboarding/privateAccess/enableMultiVpcConnectivity';
import { CLUSTER_ARN, REQUEST } from './privateAccess/fixtures';

const kafka = mockClient(KafkaClient);
// The container's middlewares over the private access clients alone: the registry (which would reach a cluster)
// is the subject of the shared-access tests, not of this one.
const enableMultiVpcConnectivity = createEnableMultiVpcConnectivityHandler(privateAccessDeps);

const context = {
  functionName: 'enable-multi-vpc-connectivity',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

interface EmfEntry {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The EMF entries written to stdout while `act` runs. */
async function emfWrittenBy(act: () => Promise<unknown>): Promise<EmfEntry[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await act();
  } finally {
    write.mockRestore();
  }
  return lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const parsed = JSON.parse(line) as Partial<EmfEntry>;
    return parsed._aws?.CloudWatchMetrics ? [parsed as EmfEntry] : [];
  });
}

/** DescribeClusterV2 of an ACTIVE cluster whose multi-VPC SASL/SCRAM is `scram`. */
const cluster = (scram: boolean) => ({
  ClusterInfo: {
    ClusterArn: CLUSTER_ARN,
    State: 'ACTIVE' as const,
    CurrentVersion: 'K1',
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

/** What an earlier step of the run journaled: handed to the task, so not its change. */
const handed: Journal = { ledger: [], changes: [{ kind: 'topic', id: 'orders', action: 'create' }] };

const changesMadeIn = (emf: EmfEntry[]) =>
  emf.filter((e) => e._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name === CHANGES_MADE_METRIC);

describe('onboarding task observability', () => {
  afterEach(() => kafka.reset());

  it('emits ChangesMade by kind and action for the changes the handler made, not those it was handed', async () => {
    // Prepare
    kafka.on(DescribeClusterV2Command).resolves(cluster(false));
    kafka.on(UpdateConnectivityCommand).resolves({ ClusterOperationArn: 'op-arn' });

    // Act
    const emf = await emfWrittenBy(() =>
      enableMultiVpcConnectivity({ request: REQUEST, journal: handed }, context),
    );

    // Assess
    const changes = changesMadeIn(emf);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'multi-vpc-connectivity',
      action: 'update',
      [CHANGES_MADE_METRIC]: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: 'MskFlows' }] },
    });
    expect(changes[0]?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toEqual(
      expect.arrayContaining(['kind', 'action']),
    );
  });

  it('emits no ChangesMade when the handler changed nothing (SASL/SCRAM already on)', async () => {
    // Prepare
    kafka.on(DescribeClusterV2Command).resolves(cluster(true));

    // Act
    const emf = await emfWrittenBy(() =>
      enableMultiVpcConnectivity({ request: REQUEST, journal: handed }, context),
    );

    // Assess
    expect(kafka).not.toHaveReceivedCommand(UpdateConnectivityCommand);
    expect(changesMadeIn(emf)).toEqual([]);
  });
});

describe('changesMade', () => {
  it('is what the output journal holds beyond the input one, without the nones', () => {
    // Prepare
    const before = { journal: { ledger: [], changes: [{ kind: 'topic', id: 'a', action: 'create' }] } };
    const after = {
      ledger: [],
      changes: [
        { kind: 'topic', id: 'a', action: 'create' },
        { kind: 'acl', id: 'x', action: 'create' },
        { kind: 'acl', id: 'y', action: 'none' },
      ],
    };

    // Act
    const made = changesMade(before, after);

    // Assess
    expect(made).toEqual([{ kind: 'acl', id: 'x', action: 'create' }]);
  });

  it('is nothing for a task given no journal (a plan is not a change)', () => {
    // Act
    const made = changesMade({ request: {} }, { changes: [{ kind: 'topic', id: 'a', action: 'create' }] });

    // Assess
    expect(made).toEqual([]);
  });
});
