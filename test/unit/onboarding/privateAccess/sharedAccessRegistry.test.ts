import {
  CreateVpcConnectionCommand,
  DeleteClusterPolicyCommand,
  DeleteVpcConnectionCommand,
  DescribeClusterV2Command,
  DescribeVpcConnectionCommand,
  GetClusterPolicyCommand,
  ListClientVpcConnectionsCommand,
  ListVpcConnectionsCommand,
  PutClusterPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateConnectivityCommand,
  type VpcConnectionState,
} from '@aws-sdk/client-kafka';
import type { Admin } from '@platformatic/kafka';
import { removePrivateAccess } from '../../../../tasks/offboarding/removePrivateAccess';
import { consumerStatement, mergeStatement } from '../../../../tasks/onboarding/privateAccess/clusterPolicy';
import { enableMultiVpcConnectivity } from '../../../../tasks/onboarding/privateAccess/enableMultiVpcConnectivity';
import { ensureVpcConnection } from '../../../../tasks/onboarding/privateAccess/ensureVpcConnection';
import { mergeClusterPolicy } from '../../../../tasks/onboarding/privateAccess/mergeClusterPolicy';
import { sharedAccessUndo } from '../../../../tasks/onboarding/privateAccess/undoSharedAccess';
import { TAG_CREATED_BY, userTagKey } from '../../../../tasks/onboarding/privateAccess/vpcConnections';
import type { RegistryAccess } from '../../../../tasks/onboarding/registry/access';
import { finishRuns, unfinishedRuns } from '../../../../tasks/onboarding/registry/finishRuns';
import { type Registry, ticketOf } from '../../../../tasks/onboarding/registry/registry';
import { runIdentity } from '../../../../tasks/onboarding/registry/runContext';
import type { TriggerDeps } from '../../../../tasks/onboarding/triggers/registryClaims';
import type { SecretStore } from '../../../../tasks/shared/secrets/store';
import { memoryRegistryAccess, memoryRegistryLog } from '../../../helpers/memoryRegistry';
import { CLUSTER_ARN, CONSUMER, emptyJournal, mockedDeps, PRIVATE_LINK, REQUEST } from './fixtures';

const VPC_CONNECTION = `arn:aws-cn:kafka:cn-northwest-1:${CONSUMER}:vpc-connection/111122223333/orders/abc-2`;
const SID = `MskFlowsConsumer${CONSUMER}`;
const STATEMENT_ID = `${CLUSTER_ARN}#${SID}`;
const CONNECTION_ID = `${CONSUMER}/${PRIVATE_LINK.vpcId} -> ${CLUSTER_ARN}`;
const FOREIGN =
  '{"Version":"2012-10-17","Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"777788889999"},"Action":"kafka:DescribeClusterV2","Resource":"*"}]}';
const MERGED = mergeStatement(FOREIGN, consumerStatement(CLUSTER_ARN, CONSUMER), CLUSTER_ARN).policy;
const ALICE = { ...REQUEST, requestId: 'req-a', principal: 'alice' };
const BOB = { ...REQUEST, requestId: 'req-b', principal: 'bob' };
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
          VpcConnectivity: { ClientAuthentication: { Sasl: { Scram: { Enabled: scram } } } },
        },
      },
    },
  },
});
const listed = (state: VpcConnectionState = 'AVAILABLE') => ({
  VpcConnections: [
    {
      VpcConnectionArn: VPC_CONNECTION,
      TargetClusterArn: CLUSTER_ARN,
      VpcId: PRIVATE_LINK.vpcId,
      Authentication: 'SASL_SCRAM',
      State: state,
    },
  ],
});

/** The policy as Alice's merge reads it twice (claim, then merge), then as every later read finds it. */
function policyReads(kafka: ReturnType<typeof mockedDeps>['mocks']['kafka']) {
  kafka
    .on(GetClusterPolicyCommand)
    .resolvesOnce({ Policy: FOREIGN, CurrentVersion: 'P1' })
    .resolvesOnce({ Policy: FOREIGN, CurrentVersion: 'P1' })
    .resolves({ Policy: MERGED, CurrentVersion: 'P2' });
}

/** Mocked AWS over one in-memory registry log shared by every principal's runs. */
function world(log = memoryRegistryLog()) {
  const fixture = mockedDeps();
  const { access, registry } = memoryRegistryAccess(log);
  const deps: TriggerDeps = { ...fixture.deps, registry: access };
  fixture.mocks.kafka.on(ListClientVpcConnectionsCommand).resolves({ ClientVpcConnections: [] });
  return { ...fixture, deps, log, registry };
}

const uses = (log: ReturnType<typeof memoryRegistryLog>, kind: string) =>
  log
    .records()
    .filter((r) => r.record.kind === kind)
    .map((r) => [r.record.id, r.record.owner.principal, r.record.state, r.record.origin]);

/** Registry access whose `settle` crashes: the step dies between its AWS call and recording `owned`. */
function crashingAccess(registry: Registry): RegistryAccess {
  const crashing = Object.assign(Object.create(registry) as Registry, {
    settle: async () => {
      throw new Error('Lambda timed out');
    },
  });
  return async (_cluster, _operation, fn) => fn(crashing);
}

/** Commit Run's record: the run succeeded. */
async function commit(registry: Registry, run: string) {
  const ticket = ticketOf(await registry.view(), runIdentity(run));
  if (ticket) await registry.settle([{ ticket, state: 'owned', note: 'committed' }]);
}

/** Finish Unfinished Runs from the registry alone (no Kafka-side kinds held: the admin is never used). */
async function finishAll(registry: Registry, deps: TriggerDeps) {
  const runs = unfinishedRuns(await registry.view());
  return finishRuns({} as Admin, registry, {} as SecretStore, runs, sharedAccessUndo(deps));
}

/** Alice's onboarding made the statement and the VPC connection; Bob's used them; both committed. */
async function aliceMadeBobUses() {
  const w = world();
  policyReads(w.mocks.kafka);
  w.mocks.kafka.on(PutClusterPolicyCommand).resolves({});
  await mergeClusterPolicy({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, w.deps);
  await mergeClusterPolicy({ request: BOB, journal: { ...emptyJournal(), run: 'run-b' } }, w.deps);
  w.mocks.consumerKafka.on(ListVpcConnectionsCommand).resolvesOnce({ VpcConnections: [] }).resolves(listed());
  w.mocks.consumerKafka.on(CreateVpcConnectionCommand).resolves({ VpcConnectionArn: VPC_CONNECTION });
  w.mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
    State: 'AVAILABLE',
    Tags: { [TAG_CREATED_BY]: 'req-a', [userTagKey('alice')]: 'alice' },
  });
  await ensureVpcConnection({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, w.deps);
  await ensureVpcConnection({ request: BOB, journal: { ...emptyJournal(), run: 'run-b' } }, w.deps);
  await commit(w.registry, 'run-a');
  await commit(w.registry, 'run-b');
  expect(w.mocks.consumerKafka).toHaveReceivedCommandTimes(CreateVpcConnectionCommand, 1);
  expect(w.mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 1);
  // From here on AWS answers as it stands after both onboardings, with no calls counted yet.
  w.mocks.kafka.reset();
  w.mocks.consumerKafka.reset();
  w.mocks.kafka.on(ListClientVpcConnectionsCommand).resolves({ ClientVpcConnections: [] });
  w.mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: MERGED, CurrentVersion: 'P2' });
  w.mocks.kafka.on(PutClusterPolicyCommand).resolves({});
  w.mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves(listed());
  w.mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
    State: 'AVAILABLE',
    Tags: { [TAG_CREATED_BY]: 'req-a', [userTagKey('alice')]: 'alice', [userTagKey('bob')]: 'bob' },
  });
  return w;
}

describe('shared private access in the ownership registry', () => {
  it('records the use of the policy statement as intent before PutClusterPolicy and owned after', async () => {
    // Prepare
    const { deps, mocks, log } = world();
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: FOREIGN, CurrentVersion: 'P1' });
    let atPut: unknown[] = [];
    mocks.kafka.on(PutClusterPolicyCommand).callsFake(() => {
      atPut = uses(log, 'cluster-policy-statement');
      return {};
    });

    // Act
    const journal = await mergeClusterPolicy({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    expect(atPut).toEqual([[`${STATEMENT_ID} used by alice`, 'alice', 'intent', 'created']]);
    expect(mocks.kafka).toHaveReceivedCommandWith(PutClusterPolicyCommand, {
      ClusterArn: CLUSTER_ARN,
      Policy: MERGED,
      CurrentVersion: 'P1',
    });
    expect(uses(log, 'cluster-policy-statement')).toEqual([
      [`${STATEMENT_ID} used by alice`, 'alice', 'intent', 'created'],
      [`${STATEMENT_ID} used by alice`, 'alice', 'owned', 'created'],
    ]);
    expect(log.records().at(-1)?.record.entry).toEqual({ ...journal.ledger[0], madeByMskFlows: true });
  });

  it('records the use of the VPC connection by its VPC before CreateVpcConnection and owned with its ARN after', async () => {
    // Prepare
    const { deps, mocks, log } = world();
    mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves({ VpcConnections: [] });
    let atCreate: unknown[] = [];
    mocks.consumerKafka.on(CreateVpcConnectionCommand).callsFake(() => {
      atCreate = uses(log, 'vpc-connection');
      return { VpcConnectionArn: VPC_CONNECTION };
    });

    // Act
    const journal = await ensureVpcConnection({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    expect(atCreate).toEqual([[`${CONNECTION_ID} used by alice`, 'alice', 'intent', 'created']]);
    expect(mocks.consumerKafka).toHaveReceivedCommandWith(CreateVpcConnectionCommand, {
      TargetClusterArn: CLUSTER_ARN,
      Authentication: 'SASL_SCRAM',
      VpcId: PRIVATE_LINK.vpcId,
      ClientSubnets: PRIVATE_LINK.subnetIds,
      SecurityGroups: PRIVATE_LINK.securityGroupIds,
      Tags: { [TAG_CREATED_BY]: 'req-a', [userTagKey('alice')]: 'alice' },
    });
    const records = log.records().filter((r) => r.record.kind === 'vpc-connection');
    expect(records.map((r) => [r.record.state, r.record.entry])).toEqual([
      [
        'intent',
        {
          kind: 'vpc-connection',
          clusterArn: CLUSTER_ARN,
          consumerAccountId: CONSUMER,
          vpcConnectionArn: '',
          vpcId: PRIVATE_LINK.vpcId,
          consumer: { clusterArn: CLUSTER_ARN, roleArn: PRIVATE_LINK.roleArn, externalId: 'ext-1234' },
        },
      ],
      ['owned', journal.ledger[0]],
    ]);
    expect(journal.ledger[0]).toEqual(expect.objectContaining({ vpcConnectionArn: VPC_CONNECTION }));
  });

  it('records the use of connectivity as intent before UpdateConnectivity and owned with the operation after', async () => {
    // Prepare
    const { deps, mocks, log } = world();
    mocks.kafka.on(DescribeClusterV2Command).resolves(cluster(false));
    let atUpdate: unknown[] = [];
    mocks.kafka.on(UpdateConnectivityCommand).callsFake(() => {
      atUpdate = uses(log, 'multi-vpc-connectivity');
      return { ClusterOperationArn: 'op-1' };
    });

    // Act
    await enableMultiVpcConnectivity({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    const id = `${CLUSTER_ARN}#vpc-connectivity-sasl-scram used by alice`;
    expect(atUpdate).toEqual([[id, 'alice', 'intent', 'created']]);
    expect(uses(log, 'multi-vpc-connectivity')).toEqual([
      [id, 'alice', 'intent', 'created'],
      [id, 'alice', 'owned', 'created'],
    ]);
    expect(log.records().at(-1)?.record.entry).toEqual({
      kind: 'multi-vpc-connectivity',
      clusterArn: CLUSTER_ARN,
      operationArn: 'op-1',
    });
  });

  it('records a use of connectivity that was on already as used, and undo leaves it on', async () => {
    // Prepare
    const { deps, mocks, log, registry } = world();
    mocks.kafka.on(DescribeClusterV2Command).resolves(cluster(true));
    await enableMultiVpcConnectivity({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, deps);

    // Act
    const outcome = await finishAll(registry, deps);

    // Assess
    expect(uses(log, 'multi-vpc-connectivity').map((u) => [u[2], u[3]])).toEqual([
      ['intent', 'used'],
      ['owned', 'used'],
      ['released', 'used'],
    ]);
    expect(mocks.kafka).toHaveReceivedCommandTimes(UpdateConnectivityCommand, 0);
    expect(outcome.leftovers).toEqual([]);
  });

  it('keeps the statement and the VPC connection when the first principal offboards while a second uses them', async () => {
    // Prepare
    const { deps, mocks, log } = await aliceMadeBobUses();

    // Act
    const journal = await removePrivateAccess({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.consumerKafka).toHaveReceivedCommandWith(UntagResourceCommand, {
      ResourceArn: VPC_CONNECTION,
      TagKeys: [userTagKey('alice')],
    });
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, 0);
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(mocks.kafka).toHaveReceivedCommandTimes(DeleteClusterPolicyCommand, 0);
    expect(journal.changes.map((c) => [c.kind, c.action, c.detail])).toEqual([
      ['vpc-connection', 'none', 'kept: 1 other principal(s) use it'],
      ['cluster-policy-statement', 'none', 'kept: 1 other principal(s) use it'],
      ['multi-vpc-connectivity', 'none', 'kept on: other consumers may use it'],
    ]);
    const aliceLatest = log
      .records()
      .filter((r) => r.record.owner.principal === 'alice' && r.record.kind !== 'run')
      .slice(-2)
      .map((r) => [r.record.kind, r.record.state]);
    expect(aliceLatest).toEqual([
      ['vpc-connection', 'released'],
      ['cluster-policy-statement', 'released'],
    ]);
  });

  it("keeps them when the first principal's unfinished run is undone while a second uses them", async () => {
    // Prepare: Alice's run never committed (it crashed later on); Bob's did.
    const w = world();
    policyReads(w.mocks.kafka);
    w.mocks.kafka.on(PutClusterPolicyCommand).resolves({});
    await mergeClusterPolicy({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, w.deps);
    await mergeClusterPolicy({ request: BOB, journal: { ...emptyJournal(), run: 'run-b' } }, w.deps);
    w.mocks.consumerKafka
      .on(ListVpcConnectionsCommand)
      .resolvesOnce({ VpcConnections: [] })
      .resolves(listed());
    w.mocks.consumerKafka.on(CreateVpcConnectionCommand).resolves({ VpcConnectionArn: VPC_CONNECTION });
    w.mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
      State: 'AVAILABLE',
      Tags: { [TAG_CREATED_BY]: 'req-a', [userTagKey('alice')]: 'alice' },
    });
    await ensureVpcConnection({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, w.deps);
    await ensureVpcConnection({ request: BOB, journal: { ...emptyJournal(), run: 'run-b' } }, w.deps);
    await commit(w.registry, 'run-b');
    w.mocks.kafka.resetHistory();

    // Act
    const outcome = await finishAll(w.registry, w.deps);

    // Assess
    expect(outcome.finished).toEqual(['run-a']);
    expect(w.mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, 0);
    expect(w.mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(outcome.changes.map((c) => [c.kind, c.action])).toEqual([
      ['vpc-connection', 'none'],
      ['cluster-policy-statement', 'none'],
    ]);
  });

  it("deletes the VPC connection and removes the statement when the last user's offboarding ends the last use", async () => {
    // Prepare: Alice offboarded first; Bob is the last user.
    const { deps, mocks } = await aliceMadeBobUses();
    await removePrivateAccess({ request: ALICE, journal: emptyJournal() }, deps);
    mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
      State: 'AVAILABLE',
      Tags: { [TAG_CREATED_BY]: 'req-a', [userTagKey('bob')]: 'bob' },
    });
    mocks.consumerKafka.resetHistory();

    // Act
    const journal = await removePrivateAccess({ request: BOB, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.consumerKafka).toHaveReceivedCommandWith(DeleteVpcConnectionCommand, {
      Arn: VPC_CONNECTION,
    });
    expect(mocks.kafka).toHaveReceivedCommandWith(PutClusterPolicyCommand, {
      ClusterArn: CLUSTER_ARN,
      Policy: FOREIGN,
      CurrentVersion: 'P2',
    });
    expect(journal.changes.map((c) => [c.kind, c.action])).toEqual([
      ['vpc-connection', 'delete'],
      ['cluster-policy-statement', 'delete'],
      ['multi-vpc-connectivity', 'none'],
    ]);
  });

  it('never touches a statement or VPC connection the registry holds no use of', async () => {
    // Prepare: both exist (the connection even carries msk-flows tags) but nothing is recorded.
    const { deps, mocks } = world();
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: MERGED, CurrentVersion: 'P2' });
    mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves(listed());
    mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
      State: 'AVAILABLE',
      Tags: { [TAG_CREATED_BY]: 'req-x', [userTagKey('alice')]: 'alice' },
    });

    // Act
    const journal = await removePrivateAccess({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(mocks.kafka).toHaveReceivedCommandTimes(DeleteClusterPolicyCommand, 0);
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, 0);
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(UntagResourceCommand, 0);
    expect(mocks.consumerKafka).toHaveReceivedCommandTimes(TagResourceCommand, 0);
    expect(journal.changes.map((c) => c.action)).toEqual(['none', 'none', 'none']);
  });

  it('never removes a statement that was there before msk-flows, even when its last recorded user leaves', async () => {
    // Prepare: the statement existed (not written by msk-flows); Alice's run recorded a use of it.
    const { deps, mocks, log } = world();
    mocks.kafka.on(GetClusterPolicyCommand).resolves({ Policy: MERGED, CurrentVersion: 'P2' });
    await mergeClusterPolicy({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, deps);
    mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves({ VpcConnections: [] });

    // Act
    const journal = await removePrivateAccess({ request: ALICE, journal: emptyJournal() }, deps);

    // Assess
    expect(uses(log, 'cluster-policy-statement').map((u) => [u[2], u[3]])).toEqual([
      ['intent', 'used'],
      ['owned', 'used'],
      ['released', 'used'],
    ]);
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 0);
    expect(mocks.kafka).toHaveReceivedCommandTimes(DeleteClusterPolicyCommand, 0);
    expect(journal.changes[1]).toEqual(expect.objectContaining({ detail: 'not written by msk-flows; kept' }));
  });

  it('keeps a use created when the step is retried after a crash between UpdateConnectivity and owned, so undo turns connectivity off again', async () => {
    // Prepare: the first attempt turned connectivity on and died before recording `owned`.
    const { deps, mocks, registry, log } = world();
    mocks.kafka.on(DescribeClusterV2Command).resolvesOnce(cluster(false)).resolves(cluster(true));
    mocks.kafka.on(UpdateConnectivityCommand).resolves({ ClusterOperationArn: 'op-1' });
    const journal = { ...emptyJournal(), run: 'run-a' };
    await expect(
      enableMultiVpcConnectivity(
        { request: ALICE, journal },
        { ...deps, registry: crashingAccess(registry) },
      ),
    ).rejects.toThrow('Lambda timed out');
    await enableMultiVpcConnectivity({ request: ALICE, journal }, deps);

    // Act
    const outcome = await finishAll(registry, deps);

    // Assess
    expect(uses(log, 'multi-vpc-connectivity').map((u) => [u[2], u[3]])).toEqual([
      ['intent', 'created'],
      ['intent', 'created'],
      ['owned', 'created'],
      ['released', 'created'],
    ]);
    expect(mocks.kafka.commandCalls(UpdateConnectivityCommand)[1]?.args[0].input).toEqual({
      ClusterArn: CLUSTER_ARN,
      CurrentVersion: 'K1',
      ConnectivityInfo: {
        VpcConnectivity: {
          ClientAuthentication: {
            Sasl: { Scram: { Enabled: false }, Iam: { Enabled: false } },
            Tls: { Enabled: false },
          },
        },
      },
    });
    expect(outcome.finished).toEqual(['run-a']);
  });

  it('keeps a statement use created, with the statement it replaced, when the step is retried after PutClusterPolicy', async () => {
    // Prepare: the first attempt wrote the policy and died before recording `owned`.
    const { deps, mocks, registry, log } = world();
    policyReads(mocks.kafka);
    mocks.kafka.on(PutClusterPolicyCommand).resolves({});
    const journal = { ...emptyJournal(), run: 'run-a' };
    await expect(
      mergeClusterPolicy({ request: ALICE, journal }, { ...deps, registry: crashingAccess(registry) }),
    ).rejects.toThrow('Lambda timed out');

    // Act
    await mergeClusterPolicy({ request: ALICE, journal }, deps);

    // Assess
    expect(mocks.kafka).toHaveReceivedCommandTimes(PutClusterPolicyCommand, 1);
    const last = log.records().at(-1)?.record;
    expect([last?.kind, last?.state, last?.origin, last?.entry]).toEqual([
      'cluster-policy-statement',
      'owned',
      'created',
      {
        kind: 'cluster-policy-statement',
        clusterArn: CLUSTER_ARN,
        sid: SID,
        previous: null,
        madeByMskFlows: true,
      },
    ]);
  });

  it.each([
    ['names the run request', 'req-a', 1],
    ['names another request', 'req-other', 0],
  ])(
    'finishes an uncertain VPC connection (intent only) found by its VPC: deleted only when its created-by tag %s',
    async (_case, createdBy, deletes) => {
      // Prepare: the step died between CreateVpcConnection and recording `owned`.
      const { deps, mocks, registry, log } = world();
      mocks.consumerKafka
        .on(ListVpcConnectionsCommand)
        .resolvesOnce({ VpcConnections: [] })
        .resolves(listed());
      mocks.consumerKafka.on(CreateVpcConnectionCommand).resolves({ VpcConnectionArn: VPC_CONNECTION });
      const crashDeps: TriggerDeps = { ...deps, registry: crashingAccess(registry) };
      await expect(
        ensureVpcConnection({ request: ALICE, journal: { ...emptyJournal(), run: 'run-a' } }, crashDeps),
      ).rejects.toThrow('Lambda timed out');
      mocks.consumerKafka.on(DescribeVpcConnectionCommand).resolves({
        State: 'AVAILABLE',
        Tags: { [TAG_CREATED_BY]: createdBy, [userTagKey('alice')]: 'alice' },
      });

      // Act
      const outcome = await finishAll(registry, deps);

      // Assess
      expect(mocks.consumerKafka).toHaveReceivedCommandTimes(DeleteVpcConnectionCommand, deletes);
      if (deletes)
        expect(mocks.consumerKafka).toHaveReceivedCommandWith(DeleteVpcConnectionCommand, {
          Arn: VPC_CONNECTION,
        });
      else expect(mocks.consumerKafka).toHaveReceivedCommandTimes(UntagResourceCommand, 0);
      expect(outcome.finished).toEqual(['run-a']);
      expect(uses(log, 'vpc-connection').at(-1)).toEqual([
        `${CONNECTION_ID} used by alice`,
        'alice',
        'released',
        'created',
      ]);
    },
  );
});
