import { createHash } from 'node:crypto';
import { DeleteRolePolicyCommand, GetRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  DeleteConnectorCommand,
  DescribeConnectorCommand,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
} from '@aws-sdk/client-kafkaconnect';
import 'aws-sdk-client-mock-jest';
import { removeConnectors } from '../../../../tasks/offboarding/removeConnectors';
import { ensureConnectorPlugins } from '../../../../tasks/onboarding/connectors/ensureConnectorPlugins';
import { rolePolicyEntry } from '../../../../tasks/onboarding/connectors/mskConnect/rolePolicy';
import { planConnectors } from '../../../../tasks/onboarding/connectors/planConnectors';
import { finishRuns, unfinishedRuns } from '../../../../tasks/onboarding/registry/finishRuns';
import {
  CONNECTOR_ARN,
  claimed,
  connect,
  depsWithRegistry,
  described,
  holderOf,
  iam,
  iamCluster,
  journal,
  noAdmin,
  noAws,
  noSecrets,
  OURS,
  ROLE,
  RUN,
  request,
  resetMocks,
  spec,
} from './mskConnectRegistryFixtures';

const POLICY = 'msk-flows-connector-ledger-sink';
const policy = rolePolicyEntry(ROLE, POLICY, null);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** IAM's answer for a policy document (URL-encoded, as GetRolePolicy returns it). */
const asIamReturnsIt = (document: string) => ({ PolicyDocument: encodeURIComponent(document) });
const FOREIGN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});

/** Nothing else on MSK Connect: no connector, plugin or worker configuration yet. */
function emptyMskConnect(): void {
  connect.on(ListConnectorsCommand).resolves({ connectors: [] });
  connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
  connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });
}

describe('service execution role policies in the ownership registry', () => {
  beforeEach(() => iamCluster());
  afterEach(() => resetMocks());

  it('claims the policy by role and name before PutRolePolicy and records it owned after', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    emptyMskConnect();
    const pluginless = {
      ...request,
      connectors: [{ ...spec, plugin: undefined, workerConfiguration: undefined }],
    };
    let atPut: Awaited<ReturnType<typeof holderOf>>;
    let put = '';
    iam.on(PutRolePolicyCommand).callsFake(async (input: { PolicyDocument: string }) => {
      atPut = await holderOf(registry, policy);
      put = input.PolicyDocument;
      return {};
    });

    // Act
    const out = await ensureConnectorPlugins({ request: pluginless, journal: journal() }, deps);

    // Assess
    expect(atPut?.record).toMatchObject({ state: 'intent', run: RUN, entry: { previous: null } });
    const entry = { ...policy, digest: sha256(put) };
    expect(atPut?.record.entry).toEqual(entry);
    expect((await holderOf(registry, policy))?.record).toMatchObject({ state: 'owned', entry });
    expect(out.ledger).toEqual([entry]);
  });

  it.each([
    ['Plan Changes', 'plan'],
    ['Ensure Connector Plugins', 'ensure'],
  ])(
    '%s refuses to replace a same-named policy that is not in the registry, and leaves it alone',
    async (_step, step) => {
      // Prepare
      const { deps, registry } = depsWithRegistry();
      emptyMskConnect();
      iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(FOREIGN));

      // Act
      const run =
        step === 'plan'
          ? planConnectors(request, deps)
          : ensureConnectorPlugins({ request, journal: journal() }, deps);

      // Assess
      await expect(run).rejects.toMatchObject({
        name: 'ConnectorResourceOwnershipError',
        connector: spec.name,
      });
      await expect(run).rejects.toThrow(/is not in the ownership registry/);
      expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
      expect(iam).not.toHaveReceivedCommand(DeleteRolePolicyCommand);
      expect(await holderOf(registry, policy)).toBeUndefined();
    },
  );
});

describe('finishRuns with role policies', () => {
  afterEach(() => resetMocks());

  it('deletes a policy a crash left between PutRolePolicy and `owned` when IAM shows the document msk-flows put', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await claimed(registry, [{ ...policy, digest: sha256(document) }]);
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(document));
    iam.on(DeleteRolePolicyCommand).resolves({});

    // Act
    const outcome = await finishRuns(
      noAdmin,
      registry,
      noSecrets,
      unfinishedRuns(await registry.view()),
      noAws,
      deps,
    );

    // Assess
    expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, {
      RoleName: 'msk-flows-connector-ledger-sink',
      PolicyName: POLICY,
    });
    expect(outcome.changes).toEqual([
      { kind: 'connector-role-policy', id: `msk-flows-connector-ledger-sink/${POLICY}`, action: 'delete' },
    ]);
    expect(outcome.finished).toEqual([RUN]);
    expect(await holderOf(registry, policy)).toBeUndefined();
  });

  it('leaves alone a same-named policy with another document and releases the unfulfilled intent', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [{ ...policy, digest: sha256('{"what":"msk-flows meant to put"}') }]);
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(FOREIGN));

    // Act
    const outcome = await finishRuns(
      noAdmin,
      registry,
      noSecrets,
      unfinishedRuns(await registry.view()),
      noAws,
      deps,
    );

    // Assess
    expect(iam).not.toHaveReceivedCommand(DeleteRolePolicyCommand);
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
    expect(outcome.changes).toEqual([
      {
        kind: 'connector-role-policy',
        id: `msk-flows-connector-ledger-sink/${POLICY}`,
        action: 'none',
        detail: 'left alone: not the document msk-flows put',
      },
    ]);
    expect(outcome.finished).toEqual([RUN]);
  });
});

describe('Remove Connectors with role policies in the registry', () => {
  afterEach(() => resetMocks());

  it("deletes the principal's connector and its role policy, releasing both", async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    const connector = { kind: 'connector' as const, platform: 'msk-connect' as const, name: spec.name };
    await claimed(registry, [{ ...connector, connectorArn: CONNECTOR_ARN }, policy], { owned: true });
    connect.on(ListConnectorsCommand).resolves({
      connectors: [{ connectorName: spec.name, connectorArn: CONNECTOR_ARN, connectorDescription: OURS }],
    });
    connect.on(DescribeConnectorCommand).resolves(described());
    connect.on(DeleteConnectorCommand).resolves({});
    iam.on(DeleteRolePolicyCommand).resolves({});

    // Act
    await removeConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, { PolicyName: POLICY });
    expect(await holderOf(registry, policy)).toBeUndefined();
    expect(await holderOf(registry, connector)).toBeUndefined();
  });

  it('leaves alone a role policy the registry gives another principal', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [policy], {
      run: 'bob-1/run-1',
      owner: { principal: 'bob', requestId: 'bob-1' },
      owned: true,
    });
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });

    // Act
    const out = await removeConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(iam).not.toHaveReceivedCommand(DeleteRolePolicyCommand);
    expect(out.changes[1]).toMatchObject({ action: 'none', detail: 'left alone: another principal owns it' });
    expect((await holderOf(registry, policy))?.principal).toBe('bob');
  });
});
