import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateCustomPluginCommand,
  CreateWorkerConfigurationCommand,
  DeleteCustomPluginCommand,
  DeleteWorkerConfigurationCommand,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
} from '@aws-sdk/client-kafkaconnect';
import 'aws-sdk-client-mock-jest';
import { ensureConnectorPlugins } from '../../../../tasks/onboarding/connectors/ensureConnectorPlugins';
import { workerConfigurationNameFor } from '../../../../tasks/onboarding/connectors/mskConnect/workerConfigurationName';
import { planConnectors } from '../../../../tasks/onboarding/connectors/planConnectors';
import type { ConnectorLedgerEntry } from '../../../../tasks/onboarding/contracts';
import { finishRuns, unfinishedRuns } from '../../../../tasks/onboarding/registry/finishRuns';
import {
  claimed,
  connect,
  depsWithRegistry,
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

const PLUGIN = 'msk-flows-ledger-sink';
const WORKER = workerConfigurationNameFor(spec.name, spec.workerConfiguration ?? {});
const plugin: ConnectorLedgerEntry = { kind: 'custom-plugin', name: PLUGIN };
const worker: ConnectorLedgerEntry = { kind: 'worker-configuration', name: WORKER };

/** MSK Connect answering the plugin and worker configuration lookups with these (none by default). */
function mskConnectWith(plugins: object[] = [], workers: object[] = []): void {
  connect.on(ListConnectorsCommand).resolves({ connectors: [] });
  connect.on(ListCustomPluginsCommand).resolves({ customPlugins: plugins });
  connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: workers });
}

describe('custom plugins and worker configurations in the ownership registry', () => {
  beforeEach(() => {
    iamCluster();
    iam.on(PutRolePolicyCommand).resolves({});
  });
  afterEach(() => resetMocks());

  it('claims each by name before it is created (described as ours) and records it owned with its ARN after', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    mskConnectWith();
    const atCreate: Record<string, string | undefined> = {};
    connect.on(CreateCustomPluginCommand).callsFake(async () => {
      atCreate.plugin = (await holderOf(registry, plugin))?.record.state;
      return { customPluginArn: PLUGIN_ARN };
    });
    connect.on(CreateWorkerConfigurationCommand).callsFake(async () => {
      atCreate.worker = (await holderOf(registry, worker))?.record.state;
      return { workerConfigurationArn: WORKER_ARN };
    });

    // Act
    const out = await ensureConnectorPlugins({ request, journal: journal() }, deps);

    // Assess
    expect(atCreate).toEqual({ plugin: 'intent', worker: 'intent' });
    expect(connect).toHaveReceivedCommandWith(CreateCustomPluginCommand, { name: PLUGIN, description: OURS });
    expect(connect).toHaveReceivedCommandWith(CreateWorkerConfigurationCommand, {
      name: WORKER,
      description: OURS,
    });
    expect((await holderOf(registry, plugin))?.record).toMatchObject({
      state: 'owned',
      entry: { ...plugin, customPluginArn: PLUGIN_ARN },
    });
    expect((await holderOf(registry, worker))?.record).toMatchObject({
      state: 'owned',
      entry: { ...worker, workerConfigurationArn: WORKER_ARN },
    });
    expect(out.ledger.slice(1)).toEqual([
      { ...plugin, customPluginArn: PLUGIN_ARN },
      { ...worker, workerConfigurationArn: WORKER_ARN },
    ]);
  });

  it('reuses a plugin and worker configuration the principal owns in the registry, creating nothing', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [plugin, worker], {
      run: 'older-request/run-1',
      owner: { principal: PRINCIPAL, requestId: 'older-request' },
      owned: true,
    });
    mskConnectWith(
      [{ name: PLUGIN, customPluginArn: PLUGIN_ARN }],
      [{ name: WORKER, workerConfigurationArn: WORKER_ARN }],
    );

    // Act
    const changes = await planConnectors(request, deps);

    // Assess
    expect(changes.filter((c) => c.kind !== 'connector-role-policy' && c.kind !== 'connector')).toEqual([
      { kind: 'custom-plugin', id: PLUGIN, action: 'none' },
      { kind: 'worker-configuration', id: WORKER, action: 'none' },
    ]);
  });

  it('carries a plugin a retried step of this run created before a crash: no second create, owned with its ARN', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [plugin]);
    mskConnectWith([{ name: PLUGIN, customPluginArn: PLUGIN_ARN, description: OURS }]);
    connect.on(CreateWorkerConfigurationCommand).resolves({ workerConfigurationArn: WORKER_ARN });

    // Act
    const out = await ensureConnectorPlugins({ request, journal: journal() }, deps);

    // Assess
    expect(connect).not.toHaveReceivedCommand(CreateCustomPluginCommand);
    expect(out.ledger).toContainEqual({ ...plugin, customPluginArn: PLUGIN_ARN });
    expect((await holderOf(registry, plugin))?.record).toMatchObject({
      state: 'owned',
      run: RUN,
      entry: { customPluginArn: PLUGIN_ARN },
    });
  });

  it.each([
    ['Plan Changes', 'plan'],
    ['Ensure Connector Plugins', 'ensure'],
  ])('%s refuses a foreign same-named custom plugin and leaves it alone', async (_step, step) => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    mskConnectWith([{ name: PLUGIN, customPluginArn: PLUGIN_ARN, description: 'made by hand' }]);

    // Act
    const run =
      step === 'plan'
        ? planConnectors(request, deps)
        : ensureConnectorPlugins({ request, journal: journal() }, deps);

    // Assess
    await expect(run).rejects.toMatchObject({ name: 'ConnectorResourceOwnershipError', resource: PLUGIN });
    await expect(run).rejects.toThrow(
      /custom plugin msk-flows-ledger-sink .* is neither in the ownership registry/,
    );
    expect(connect).not.toHaveReceivedCommand(CreateCustomPluginCommand);
    expect(connect).not.toHaveReceivedCommand(DeleteCustomPluginCommand);
    expect(await holderOf(registry, plugin)).toBeUndefined();
  });

  it('refuses a same-named worker configuration another principal holds in the registry', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [worker], {
      run: 'bob-1/run-1',
      owner: { principal: 'bob', requestId: 'bob-1' },
      owned: true,
    });
    mskConnectWith([], [{ name: WORKER, workerConfigurationArn: WORKER_ARN, description: OURS }]);

    // Act
    const planning = planConnectors(request, deps);

    // Assess
    await expect(planning).rejects.toThrow(/worker configuration .* is owned by another principal/);
    expect(connect).not.toHaveReceivedCommand(DeleteWorkerConfigurationCommand);
  });
});

describe('finishRuns with custom plugins and worker configurations', () => {
  afterEach(() => resetMocks());

  it('finds by name what a crash left between create and `owned` and deletes only what is described as ours', async () => {
    // Prepare
    const { deps, registry } = depsWithRegistry();
    await claimed(registry, [plugin, worker]);
    mskConnectWith(
      [{ name: PLUGIN, customPluginArn: PLUGIN_ARN, description: OURS }],
      [{ name: WORKER, workerConfigurationArn: WORKER_ARN, description: 'made by hand' }],
    );
    connect.on(DeleteCustomPluginCommand).resolves({});

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
    expect(connect).toHaveReceivedCommandWith(ListCustomPluginsCommand, { namePrefix: PLUGIN });
    expect(connect).toHaveReceivedCommandWith(DeleteCustomPluginCommand, { customPluginArn: PLUGIN_ARN });
    expect(connect).not.toHaveReceivedCommand(DeleteWorkerConfigurationCommand);
    expect(outcome.changes).toEqual(
      expect.arrayContaining([
        { kind: 'custom-plugin', id: PLUGIN, action: 'delete' },
        {
          kind: 'worker-configuration',
          id: WORKER,
          action: 'none',
          detail: 'left alone: not created by msk-flows for payments-connect',
        },
      ]),
    );
    expect(outcome.finished).toEqual([RUN]);
    expect(await holderOf(registry, plugin)).toBeUndefined();
    expect(await holderOf(registry, worker)).toBeUndefined();
  });
});
