import {
  DeleteClusterPolicyCommand,
  DeleteVpcConnectionCommand,
  DescribeVpcConnectionCommand,
  GetClusterPolicyCommand,
  ListClientVpcConnectionsCommand,
  ListVpcConnectionsCommand,
  PutClusterPolicyCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kafka';
import { removePrivateAccess } from '../../../../tasks/offboarding/removePrivateAccess';
import { consumerStatement, mergeStatement } from '../../../../tasks/onboarding/privateAccess/clusterPolicy';
import {
  undoPolicyStatement,
  undoVpcConnection,
} from '../../../../tasks/onboarding/privateAccess/undoPrivateAccess';
import { TAG_CREATED_BY, userTagKey } from '../../../../tasks/onboarding/privateAccess/vpcConnections';
import { registryIdentityOf } from '../../../../tasks/onboarding/registryIdentity';
import { CLUSTER_ARN, CONSUMER, emptyJournal, mockedDeps, REQUEST } from './fixtures';

const VPC_CONNECTION = `arn:aws-cn:kafka:cn-northwest-1:${CONSUMER}:vpc-connection/111122223333/orders/abc-2`;
const FOREIGN =
  '{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"kafka:DescribeClusterV2","Resource":"*"}]}';
const MERGED = mergeStatement(FOREIGN, consumerStatement(CLUSTER_ARN, CONSUMER), CLUSTER_ARN).policy;
const entry = {
  kind: 'cluster-policy-statement' as const,
  clusterArn: CLUSTER_ARN,
  sid: `MskFlowsConsumer${CONSUMER}`,
  previous: null,
};

describe('compensation of private access', () => {
  it('removes the statement it added, leaving the policy as it found it', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(ListClientVpcConnectionsCommand).resolves({
      ClientVpcConnections: [{ VpcConnectionArn: VPC_CONNECTION, Owner: CONSUMER, State: 'DELETING' }],
    });
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: MERGED, CurrentVersion: 'v2' });

    // Act
    const change = await undoPolicyStatement(entry, CONSUMER, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandWith(PutClusterPolicyCommand, {
      ClusterArn: CLUSTER_ARN,
      Policy: FOREIGN,
      CurrentVersion: 'v2',
    });
    expect(change).toMatchObject({ action: 'delete' });
  });

  it('keeps the statement while a VPC connection of that account is in use', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.kafka.on(ListClientVpcConnectionsCommand).resolves({
      ClientVpcConnections: [{ VpcConnectionArn: 'other', Owner: CONSUMER, State: 'AVAILABLE' }],
    });

    // Act
    const change = await undoPolicyStatement(entry, CONSUMER, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(change).toMatchObject({ action: 'none', detail: expect.stringContaining('kept') });
  });

  it('deletes a VPC connection it created only when no other principal uses it', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    const tags = {
      [TAG_CREATED_BY]: 'req-1',
      [userTagKey('orders-consumer')]: 'orders-consumer',
      [userTagKey('someone-else')]: 'someone-else',
    };
    mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({ State: 'AVAILABLE', Tags: tags });
    const vpcEntry = {
      kind: 'vpc-connection' as const,
      clusterArn: CLUSTER_ARN,
      consumerAccountId: CONSUMER,
      vpcConnectionArn: VPC_CONNECTION,
    };

    // Act
    const shared = await undoVpcConnection(vpcEntry, REQUEST, deps);
    mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
      State: 'AVAILABLE',
      Tags: { [TAG_CREATED_BY]: 'req-1', [userTagKey('orders-consumer')]: 'orders-consumer' },
    });
    const alone = await undoVpcConnection(vpcEntry, REQUEST, deps);

    // Assess
    expect(shared).toMatchObject({ action: 'none', detail: 'released' });
    expect(alone).toMatchObject({ action: 'delete' });
    expect(mocks.consumerKafka).toHaveReceivedCommandWith(UntagResourceCommand, {
      ResourceArn: VPC_CONNECTION,
      TagKeys: [userTagKey('orders-consumer')],
    });
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, 1);
  });
});

describe('removePrivateAccess (offboarding)', () => {
  it('keeps a VPC connection msk-flows did not make and deletes the statement once nothing of the account is in use; connectivity stays on', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves({
      VpcConnections: [
        {
          VpcConnectionArn: VPC_CONNECTION,
          TargetClusterArn: CLUSTER_ARN,
          VpcId: REQUEST.privateLink.vpcId,
          Authentication: 'SASL_SCRAM',
          State: 'AVAILABLE',
        },
      ],
    });
    mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({ State: 'AVAILABLE', Tags: {} });
    mocks.kafka.on(ListClientVpcConnectionsCommand).resolves({ ClientVpcConnections: [] });
    mocks.kafka.on(GetClusterPolicyCommand).resolves({
      Policy: mergeStatement(null, consumerStatement(CLUSTER_ARN, CONSUMER), CLUSTER_ARN).policy,
      CurrentVersion: 'v1',
    });

    // Act
    const journal = await removePrivateAccess({ request: REQUEST, journal: emptyJournal() }, deps);

    // Assess
    expect(journal.changes.map((c) => [c.kind, c.action, c.detail])).toEqual([
      ['vpc-connection', 'none', 'kept'],
      ['cluster-policy-statement', 'delete', undefined],
      ['multi-vpc-connectivity', 'none', 'kept on: other consumers may use it'],
    ]);
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, 0);
    expect(mocks.kafka).toHaveReceivedCommandWith(DeleteClusterPolicyCommand, { ClusterArn: CLUSTER_ARN });
  });
});

describe('registryIdentityOf', () => {
  it('gives each new ledger kind a stable identity independent of the execution', () => {
    // Assess
    expect(registryIdentityOf(entry)).toEqual({
      kind: 'cluster-policy-statement',
      id: `${CLUSTER_ARN}#MskFlowsConsumer${CONSUMER}`,
    });
    expect(
      registryIdentityOf({
        kind: 'event-source-mapping',
        uuid: 'u-1',
        functionArn: 'arn:aws-cn:lambda:cn-northwest-1:444455556666:function:f',
      }),
    ).toEqual({
      kind: 'event-source-mapping',
      id: 'arn:aws-cn:lambda:cn-northwest-1:444455556666:event-source-mapping:u-1',
    });
    expect(
      registryIdentityOf({
        kind: 'vpc-connection',
        clusterArn: CLUSTER_ARN,
        consumerAccountId: CONSUMER,
        vpcConnectionArn: VPC_CONNECTION,
      }),
    ).toEqual({
      kind: 'vpc-connection',
      id: VPC_CONNECTION,
    });
    expect(registryIdentityOf({ kind: 'topic', topic: 't' })).toEqual({ kind: 'topic', id: 't' });
  });
});
