import { DeleteRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateConnectorCommand,
  DeleteConnectorCommand,
  DescribeConnectorCommand,
  DescribeCustomPluginCommand,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
  UpdateConnectorCommand,
} from '@aws-sdk/client-kafkaconnect';
import 'aws-sdk-client-mock-jest';
import { removeConnectors } from '../../../../tasks/offboarding/removeConnectors';
import { ensureConnectors } from '../../../../tasks/onboarding/connectors/ensureConnectors';
import { mskConnectorEntry } from '../../../../tasks/onboarding/connectors/identity';
import { workerConfigurationNameFor } from '../../../../tasks/onboarding/connectors/mskConnect/workerConfigurationName';
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
  PLUGIN_ARN,
  PRINCIPAL,
  RUN,
  request,
  resetMocks,
  spec,
  WORKER_ARN,
} from './mskConnectRegistryFixtures';

const entry = mskConnectorEntry(spec.name);

/** The plugin (ACTIVE) and worker configuration the connector is created with. */
function pluginAndWorker(): void {
  connect
    .on(ListCustomPluginsCommand)
    .resolves({ customPlugins: [{ name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN }] });
  connect
    .on(DescribeCustomPluginCommand)
    .resolves({ customPluginState: 'ACTIVE', latestRevision: { revision: 1 } });
  connect.on(ListWorkerConfigurationsCommand).resolves({
    workerConfigurations: [
      {
        name: workerConfigurationNameFor(spec.name, spec.workerConfiguration ?? {}),
        workerConfigurationArn: WORKER_ARN,
        latestRevision: { revision: 1 },
      },
    ],
  });
}

/** ListConnectors answering the same-named connector with `description`. */
function sameNamed(description: string | undefined): void {
  // Preflight's look for other connectors on the role lists without a prefix: none.
  connect.on(ListConnectorsCommand).resolves({ connectors: [] });
  connect.on(ListConnectorsCommand, { connectorNamePrefix: spec.name }).resolves({
    connectors: [
      { connectorName: `${spec.name}-2`, connectorArn: `${CONNECTOR_ARN}-2`, connectorDescription: OURS },
      { connectorName: spec.name, connectorArn: CONNECTOR_ARN, connectorDescription: description },
    ],
  });
}

describe('MSK Connect connectors in the ownership registry', () => {
  beforeEach(() => iamCluster());
  afterEach(() => resetMocks());

  it('claims the connector by name before CreateConnector and records it owned, with its ARN, after', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });
    pluginAndWorker();
    let atCreate: Awaited<ReturnType<typeof holderOf>>;
    connect.on(CreateConnectorCommand).callsFake(async () => {
      atCreate = await holderOf(registry, entry);
      return { connectorArn: CONNECTOR_ARN };
    });

    // Act
    const out = await ensureConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(atCreate?.record).toMatchObject({ state: 'intent', run: RUN, origin: 'created', entry });
    expect(atCreate?.record.entry).not.toHaveProperty('connectorArn');
    expect((await holderOf(registry, entry))?.record).toMatchObject({
      state: 'owned',
      run: RUN,
      owner: { principal: PRINCIPAL },
      entry: { ...entry, connectorArn: CONNECTOR_ARN },
    });
    expect(out.ledger).toEqual([{ ...entry, connectorArn: CONNECTOR_ARN }]);
  });

  it('carries a connector a retried step of this run created before a crash: no second create, owned with its ARN', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [entry]);
    sameNamed(OURS);
    connect.on(DescribeConnectorCommand).resolves(described());

    // Act
    const out = await ensureConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(connect).not.toHaveReceivedCommand(CreateConnectorCommand);
    expect(out.ledger).toEqual([{ ...entry, connectorArn: CONNECTOR_ARN }]);
    expect((await holderOf(registry, entry))?.record).toMatchObject({
      state: 'owned',
      entry: { connectorArn: CONNECTOR_ARN },
    });
  });

  it.each([
    ['Plan Changes', () => planConnectors],
    ['Ensure Connectors', () => ensureConnectors],
  ])(
    '%s refuses a foreign same-named connector (not in the registry, not described as ours) and leaves it alone',
    async (_step, task) => {
      // Prepare
      const { deps, registry } = depsWithRegistry();
      sameNamed(undefined);
      connect
        .on(DescribeConnectorCommand)
        .resolves({ ...described(OURS, 4), connectorDescription: undefined });
      connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
      connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });
      const run =
        task() === planConnectors
          ? planConnectors(request, deps)
          : ensureConnectors({ request, journal: journal() }, deps);

      // Act / Assess
      await expect(run).rejects.toMatchObject({ name: 'ConnectorOwnershipError', connector: spec.name });
      await expect(run).rejects.toThrow(/capacity.*was not created by msk-flows for payments-connect/);
      expect(connect).not.toHaveReceivedCommand(UpdateConnectorCommand);
      expect(connect).not.toHaveReceivedCommand(DeleteConnectorCommand);
      expect(connect).not.toHaveReceivedCommand(CreateConnectorCommand);
      expect(await holderOf(registry, entry)).toBeUndefined();
    },
  );

  it('refuses to change a connector the registry gives another principal, whatever its description', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [{ ...entry, connectorArn: CONNECTOR_ARN }], {
      run: 'bob-1/run-1',
      owner: { principal: 'bob', requestId: 'bob-1' },
      owned: true,
    });
    sameNamed(OURS);
    connect.on(DescribeConnectorCommand).resolves(described(OURS, 4));
    connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
    connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });

    // Act
    const planning = planConnectors(request, deps);

    // Assess
    await expect(planning).rejects.toThrow(/is owned by another principal/);
    expect(connect).not.toHaveReceivedCommand(UpdateConnectorCommand);
  });
});

describe('finishRuns with MSK Connect connectors', () => {
  beforeEach(() => iamCluster());
  afterEach(() => resetMocks());

  it('finds by name the connector a crash left between create and `owned`, deletes it as ours, and closes the run', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [entry]);
    sameNamed(OURS);
    connect.on(DeleteConnectorCommand).resolves({});
    const runs = unfinishedRuns(await registry.view());

    // Act
    const outcome = await finishRuns(noAdmin, registry, noSecrets, runs, noAws, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(ListConnectorsCommand, { connectorNamePrefix: spec.name });
    expect(connect).toHaveReceivedCommandTimes(DeleteConnectorCommand, 1);
    expect(connect).toHaveReceivedCommandWith(DeleteConnectorCommand, { connectorArn: CONNECTOR_ARN });
    expect(outcome).toMatchObject({ finished: [RUN], leftovers: [] });
    expect(outcome.changes).toEqual([{ kind: 'connector', id: CONNECTOR_ARN, action: 'delete' }]);
    expect(await holderOf(registry, entry)).toBeUndefined();
  });

  it.each([
    ['no description', undefined],
    ["another principal's marker", 'Created by msk-flows for principal someone-else'],
  ])(
    'leaves a same-named connector with %s alone and releases the unfulfilled intent',
    async (_case, description) => {
      // Prepare
      const { deps, registry } = depsWithRegistry();
      await claimed(registry, [entry]);
      sameNamed(description);
      const runs = unfinishedRuns(await registry.view());

      // Act
      const outcome = await finishRuns(noAdmin, registry, noSecrets, runs, noAws, deps);

      // Assess
      expect(connect).not.toHaveReceivedCommand(DeleteConnectorCommand);
      expect(outcome.changes).toEqual([
        {
          kind: 'connector',
          id: 'ledger-sink (msk-connect)',
          action: 'none',
          detail: `left alone: not created by msk-flows for ${PRINCIPAL}`,
        },
      ]);
      expect(outcome.finished).toEqual([RUN]);
      expect(await holderOf(registry, entry)).toBeUndefined();
    },
  );

  it('reports an intent whose connector was never created as already gone', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [entry]);
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });

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
    expect(connect).not.toHaveReceivedCommand(DeleteConnectorCommand);
    expect(outcome.changes).toEqual([
      { kind: 'connector', id: 'ledger-sink (msk-connect)', action: 'none', detail: 'already gone' },
    ]);
    expect(outcome.finished).toEqual([RUN]);
  });

  it('deletes an owned connector by the ARN the registry recorded, with no lookup', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [{ ...entry, connectorArn: CONNECTOR_ARN }], { owned: true });
    connect.on(DeleteConnectorCommand).resolves({});

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
    expect(connect).not.toHaveReceivedCommand(ListConnectorsCommand);
    expect(connect).toHaveReceivedCommandWith(DeleteConnectorCommand, { connectorArn: CONNECTOR_ARN });
    expect(outcome.finished).toEqual([RUN]);
  });
});

describe('Remove Connectors with MSK Connect connectors in the registry', () => {
  afterEach(() => resetMocks());

  it('deletes the connector the principal owns and releases it in the registry', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [{ ...entry, connectorArn: CONNECTOR_ARN }], { owned: true });
    sameNamed(OURS);
    connect.on(DescribeConnectorCommand).resolves(described());
    connect.on(DeleteConnectorCommand).resolves({});
    iam.on(DeleteRolePolicyCommand).resolves({});

    // Act
    await removeConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(DeleteConnectorCommand, { connectorArn: CONNECTOR_ARN });
    expect(await holderOf(registry, entry)).toBeUndefined();
  });

  it('leaves alone a connector the registry gives another principal, and its hold', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [{ ...entry, connectorArn: CONNECTOR_ARN }], {
      run: 'bob-1/run-1',
      owner: { principal: 'bob', requestId: 'bob-1' },
      owned: true,
    });

    // Act
    const out = await removeConnectors({ request, journal: journal() }, deps);

    // Assess
    expect(connect).not.toHaveReceivedCommand(DeleteConnectorCommand);
    expect(out.changes[0]).toMatchObject({ action: 'none', detail: 'left alone: another principal owns it' });
    expect((await holderOf(registry, entry))?.principal).toBe('bob');
  });
});
