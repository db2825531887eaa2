import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeClusterV2Command, GetBootstrapBrokersCommand, KafkaClient } from '@aws-sdk/client-kafka';
import {
  CreateConnectorCommand,
  CreateCustomPluginCommand,
  CreateWorkerConfigurationCommand,
  DeleteConnectorCommand,
  DeleteCustomPluginCommand,
  DeleteWorkerConfigurationCommand,
  DescribeConnectorCommand,
  DescribeCustomPluginCommand,
  KafkaConnectClient,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
  UpdateConnectorCommand,
} from '@aws-sdk/client-kafkaconnect';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { removeConnectors } from '../../../../tasks/offboarding/removeConnectors';
import { describeConnectorPlugins } from '../../../../tasks/onboarding/connectors/describeConnectorPlugins';
import { describeConnectors } from '../../../../tasks/onboarding/connectors/describeConnectors';
import { ensureConnectorPlugins } from '../../../../tasks/onboarding/connectors/ensureConnectorPlugins';
import { ensureConnectors } from '../../../../tasks/onboarding/connectors/ensureConnectors';
import { workerConfigurationNameFor } from '../../../../tasks/onboarding/connectors/mskConnect/workerConfigurationName';
import { planConnectors } from '../../../../tasks/onboarding/connectors/planConnectors';
import type { ConnectorDeps, ConnectorRequest } from '../../../../tasks/onboarding/connectors/types';
import { undoConnectorEntry } from '../../../../tasks/onboarding/connectors/undoConnectors';
import { emptyJournal } from '../../../../tasks/onboarding/contracts';
import type { ConnectorSpec } from '../../../../tasks/onboarding/request/connectorsSchema';
import {
  request as baseRequest,
  CLUSTER,
  CONNECTOR_ARN,
  PLUGIN_ARN,
  ROLE,
  spec,
  WORKER_ARN,
} from './mskConnectSpec';

const IAM_BROKERS =
  'b-1.payments.abc.c2.kafka.cn-northwest-1.amazonaws.com.cn:9098,b-2.payments.abc.c2.kafka.cn-northwest-1.amazonaws.com.cn:9098';

const request: ConnectorRequest = { ...baseRequest, tags: { team: 'payments' } };
const WORKER_NAME = workerConfigurationNameFor(spec.name, spec.workerConfiguration ?? {});

const msk = mockClient(KafkaClient);
const connect = mockClient(KafkaConnectClient);
const iam = mockClient(IAMClient);
const deps: ConnectorDeps = {
  kafkaConnect: () => undefined,
  secretReference: (name, key) => `\${secretsmanager:${name}:${key}}`,
  selfManagedSecurityProtocol: 'SASL_SSL',
  mskConnectSetup: {
    serviceExecutionRoleArns: [ROLE],
    pluginBucketArn: 'arn:aws-cn:s3:::payments-plugins',
    workerLogGroup: 'OnboardingMskConnectWorkerLogs-abc123',
  },
  mskConnect: new KafkaConnectClient({ region: 'cn-northwest-1' }),
  kafka: new KafkaClient({ region: 'cn-northwest-1' }),
  iam: new IAMClient({ region: 'cn-northwest-1' }),
  logger: { info: () => undefined, warn: () => undefined },
};

function cluster(iam: boolean) {
  msk.on(DescribeClusterV2Command).resolves({
    ClusterInfo: {
      ClusterArn: CLUSTER,
      Provisioned: {
        BrokerNodeGroupInfo: {
          ClientSubnets: ['subnet-a', 'subnet-b'],
          SecurityGroups: ['sg-1'],
          InstanceType: 'kafka.m5.large',
        },
        ClientAuthentication: { Sasl: { Iam: { Enabled: iam }, Scram: { Enabled: true } } },
        NumberOfBrokerNodes: 2,
      },
    },
  });
  msk.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringSaslIam: IAM_BROKERS });
}

const described = (capacity = { mcu: 1, min: 1, max: 2 }) => ({
  connectorArn: CONNECTOR_ARN,
  connectorName: spec.name,
  connectorDescription: 'Created by msk-flows for principal payments-connect',
  currentVersion: 'V1',
  connectorState: 'RUNNING' as const,
  connectorConfiguration: spec.config,
  capacity: {
    autoScaling: {
      mcuCount: capacity.mcu,
      minWorkerCount: capacity.min,
      maxWorkerCount: capacity.max,
      scaleInPolicy: { cpuUtilizationPercentage: 20 },
      scaleOutPolicy: { cpuUtilizationPercentage: 80 },
    },
  },
});

/** IAM's answer when the role has no inline policy of that name. */
const noSuchEntity = () => Object.assign(new Error('not found'), { name: 'NoSuchEntityException' });

describe('MSK Connect connectors', () => {
  beforeEach(() => {
    // The role has no msk-flows policy yet unless a test says otherwise.
    iam.on(GetRolePolicyCommand).rejects(noSuchEntity());
  });

  afterEach(() => {
    msk.reset();
    connect.reset();
    iam.reset();
  });

  it('fails preflight naming the forbidden worker keys, touching nothing', async () => {
    // Prepare
    cluster(true);
    const bad = {
      ...spec,
      workerConfiguration: {
        'sasl.mechanism': 'SCRAM-SHA-512',
        'security.protocol': 'SASL_SSL',
        'key.converter': 'x',
      },
    };

    // Act
    const planning = planConnectors({ ...request, connectors: [bad] }, deps);

    // Assess
    await expect(planning).rejects.toThrow(
      /ConnectorPreflight|refuses them: sasl.mechanism, security.protocol/,
    );
    await expect(planning).rejects.toMatchObject({
      name: 'ConnectorPreflightError',
      check: 'worker-configuration',
    });
    expect(connect).not.toHaveReceivedAnyCommand();
  });

  it('fails preflight on a SCRAM-only cluster: MSK Connect needs IAM', async () => {
    // Prepare
    cluster(false);

    // Act
    const planning = planConnectors(request, deps);

    // Assess
    await expect(planning).rejects.toMatchObject({ name: 'ConnectorPreflightError', check: 'iam-auth' });
    expect(msk).toHaveReceivedCommandWith(DescribeClusterV2Command, { ClusterArn: CLUSTER });
    expect(connect).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['no MSK Connect setup', { ...deps, mskConnectSetup: undefined }, spec, 'msk-connect'],
    [
      'a role the deployment may not pass',
      deps,
      { ...spec, serviceExecutionRoleArn: 'arn:aws-cn:iam::111122223333:role/admin' },
      'serviceExecutionRoleArn',
    ],
    [
      'a plugin outside the plugin bucket',
      deps,
      {
        ...spec,
        plugin: { ...spec.plugin, s3: { bucketArn: 'arn:aws-cn:s3:::elsewhere', fileKey: 'x.zip' } },
      },
      'plugin.s3.bucketArn',
    ],
  ] as const)('fails preflight with %s, sending nothing', async (_case, withDeps, connector, check) => {
    // Prepare
    cluster(true);

    // Act
    const planning = planConnectors({ ...request, connectors: [connector as ConnectorSpec] }, withDeps);

    // Assess
    await expect(planning).rejects.toMatchObject({ name: 'ConnectorPreflightError', check });
    expect(msk).not.toHaveReceivedAnyCommand();
    expect(connect).not.toHaveReceivedAnyCommand();
  });

  it('plans role policy, plugin, worker configuration and connector to create when none exists', async () => {
    // Prepare
    cluster(true);
    connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
    connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });

    // Act
    const changes = await planConnectors(request, deps);

    // Assess
    expect(changes.map((c) => [c.kind, c.id, c.action])).toEqual([
      ['connector-role-policy', 'msk-flows-connector-ledger-sink/msk-flows-connector-ledger-sink', 'create'],
      ['custom-plugin', 'msk-flows-ledger-sink', 'create'],
      ['worker-configuration', WORKER_NAME, 'create'],
      ['connector', 'ledger-sink (msk-connect)', 'create'],
    ]);
    expect(connect).toHaveReceivedCommandWith(ListCustomPluginsCommand, {
      namePrefix: 'msk-flows-ledger-sink',
    });
    expect(connect).toHaveReceivedCommandWith(ListConnectorsCommand, { connectorNamePrefix: 'ledger-sink' });
    expect(iam).toHaveReceivedCommandWith(GetRolePolicyCommand, {
      RoleName: 'msk-flows-connector-ledger-sink',
      PolicyName: 'msk-flows-connector-ledger-sink',
    });
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
  });

  it('scopes the role, creates the custom plugin from S3 and the worker configuration, journaling all three', async () => {
    // Prepare
    cluster(true);
    connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
    connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });
    connect.on(CreateCustomPluginCommand).resolves({ customPluginArn: PLUGIN_ARN });
    connect.on(CreateWorkerConfigurationCommand).resolves({ workerConfigurationArn: WORKER_ARN });
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });
    iam.on(PutRolePolicyCommand).resolves({});

    // Act
    const journal = await ensureConnectorPlugins({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(CreateCustomPluginCommand, {
      name: 'msk-flows-ledger-sink',
      contentType: 'ZIP',
      location: {
        s3Location: {
          bucketArn: 'arn:aws-cn:s3:::payments-plugins',
          fileKey: 'jdbc-sink.zip',
          objectVersion: 'v1',
        },
      },
      tags: { team: 'payments', 'msk-flows:request': 'payments-connect-007' },
    });
    expect(connect).toHaveReceivedCommandWith(CreateWorkerConfigurationCommand, {
      name: WORKER_NAME,
      propertiesFileContent: Buffer.from(
        'key.converter=org.apache.kafka.connect.json.JsonConverter\n',
      ).toString('base64'),
    });
    expect(iam).toHaveReceivedCommandTimes(PutRolePolicyCommand, 1);
    expect(journal.ledger).toEqual([
      {
        kind: 'connector-role-policy',
        roleArn: ROLE,
        policyName: 'msk-flows-connector-ledger-sink',
        previous: null,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      { kind: 'custom-plugin', name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN },
      { kind: 'worker-configuration', name: WORKER_NAME, workerConfigurationArn: WORKER_ARN },
    ]);
  });

  it('waits for the plugin to be ACTIVE and surfaces CREATE_FAILED with its reason', async () => {
    // Prepare
    connect
      .on(ListCustomPluginsCommand)
      .resolves({ customPlugins: [{ name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN }] });
    connect
      .on(DescribeCustomPluginCommand)
      .resolvesOnce({ customPluginState: 'CREATING' })
      .resolvesOnce({
        customPluginState: 'CREATE_FAILED',
        stateDescription: { code: 'InvalidPlugin', message: 'the ZIP holds no connector class' },
      });

    // Act
    const first = await describeConnectorPlugins({ request, plugins: { attempt: 0 } }, deps);
    const second = describeConnectorPlugins({ request, plugins: first }, deps);

    // Assess
    expect(first).toMatchObject({ active: false, attempt: 1 });
    await expect(second).rejects.toThrow('the ZIP holds no connector class');
    expect(connect).toHaveReceivedCommandWith(DescribeCustomPluginCommand, { customPluginArn: PLUGIN_ARN });
  });

  it('creates the connector with IAM auth, TLS, CloudWatch logs, the role, the plugin revision and the worker configuration', async () => {
    // Prepare
    cluster(true);
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });
    connect
      .on(ListCustomPluginsCommand)
      .resolves({ customPlugins: [{ name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN }] });
    connect
      .on(DescribeCustomPluginCommand)
      .resolves({ customPluginState: 'ACTIVE', latestRevision: { revision: 3 } });
    connect.on(ListWorkerConfigurationsCommand).resolves({
      workerConfigurations: [
        { name: WORKER_NAME, workerConfigurationArn: WORKER_ARN, latestRevision: { revision: 1 } },
      ],
    });
    connect.on(CreateConnectorCommand).resolves({ connectorArn: CONNECTOR_ARN });

    // Act
    const journal = await ensureConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(CreateConnectorCommand, {
      connectorName: 'ledger-sink',
      connectorDescription: 'Created by msk-flows for principal payments-connect',
      connectorConfiguration: spec.config,
      capacity: described().capacity,
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: IAM_BROKERS,
          vpc: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] },
        },
      },
      kafkaClusterClientAuthentication: { authenticationType: 'IAM' },
      kafkaClusterEncryptionInTransit: { encryptionType: 'TLS' },
      kafkaConnectVersion: '3.7.x',
      logDelivery: {
        // The deployment's worker log group: MSK Connect needs an existing one.
        workerLogDelivery: {
          cloudWatchLogs: { enabled: true, logGroup: 'OnboardingMskConnectWorkerLogs-abc123' },
        },
      },
      plugins: [{ customPlugin: { customPluginArn: PLUGIN_ARN, revision: 3 } }],
      serviceExecutionRoleArn: ROLE,
      workerConfiguration: { workerConfigurationArn: WORKER_ARN, revision: 1 },
      tags: { team: 'payments', 'msk-flows:request': 'payments-connect-007' },
    });
    expect(journal.ledger).toEqual([
      { kind: 'connector', platform: 'msk-connect', name: 'ledger-sink', connectorArn: CONNECTOR_ARN },
    ]);
  });

  it("sends the request's own logGroup instead of the deployment's", async () => {
    // Prepare
    cluster(true);
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });
    connect
      .on(ListCustomPluginsCommand)
      .resolves({ customPlugins: [{ name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN }] });
    connect.on(DescribeCustomPluginCommand).resolves({ customPluginState: 'ACTIVE' });
    connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });
    connect.on(CreateConnectorCommand).resolves({ connectorArn: CONNECTOR_ARN });
    const own = { ...spec, logGroup: '/payments/connect-workers' };

    // Act
    await ensureConnectors({ request: { ...request, connectors: [own] }, journal: emptyJournal() }, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(CreateConnectorCommand, {
      logDelivery: {
        workerLogDelivery: { cloudWatchLogs: { enabled: true, logGroup: '/payments/connect-workers' } },
      },
    });
  });

  it('reports an unchanged connector as no change and sends nothing', async () => {
    // Prepare
    cluster(true);
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves(described());

    // Act
    const journal = await ensureConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(journal.changes).toEqual([{ kind: 'connector', id: 'ledger-sink (msk-connect)', action: 'none' }]);
    expect(journal.ledger).toEqual([]);
    expect(connect).not.toHaveReceivedCommand(UpdateConnectorCommand);
    expect(connect).not.toHaveReceivedCommand(CreateConnectorCommand);
  });

  it('updates a changed capacity with the current version, journaling the previous capacity', async () => {
    // Prepare
    cluster(true);
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves(described({ mcu: 1, min: 1, max: 4 }));
    connect.on(UpdateConnectorCommand).resolves({ connectorArn: CONNECTOR_ARN });

    // Act
    const journal = await ensureConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(connect).toHaveReceivedCommandWith(UpdateConnectorCommand, {
      connectorArn: CONNECTOR_ARN,
      currentVersion: 'V1',
      capacity: described().capacity,
    });
    expect(journal.changes[0]).toMatchObject({ action: 'update', detail: 'capacity' });
    expect(journal.ledger[0]).toMatchObject({
      previousCapacity: described({ mcu: 1, min: 1, max: 4 }).capacity,
    });
  });

  it('leaves the capacity of a same-named connector msk-flows did not make for the principal alone', async () => {
    // Prepare
    cluster(true);
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves({
      ...described({ mcu: 1, min: 1, max: 4 }),
      connectorDescription: 'the data team runs this one by hand',
    });

    // Act
    const ensured = ensureConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    await expect(ensured).rejects.toThrow(
      /connector ledger-sink already exists on MSK Connect with another configuration \(capacity\) and was not created by msk-flows for payments-connect/,
    );
    expect(connect).not.toHaveReceivedCommand(UpdateConnectorCommand);
    expect(connect).not.toHaveReceivedCommand(CreateConnectorCommand);
  });

  it('refuses a same-named connector with another configuration that this execution did not create', async () => {
    // Prepare
    cluster(true);
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect
      .on(DescribeConnectorCommand)
      .resolves({ ...described(), connectorConfiguration: { ...spec.config, 'tasks.max': '4' } });

    connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
    connect.on(ListWorkerConfigurationsCommand).resolves({ workerConfigurations: [] });

    // Act
    const planning = planConnectors(request, deps);

    // Assess
    await expect(planning).rejects.toMatchObject({
      name: 'ConnectorOwnershipError',
      connector: 'ledger-sink',
    });
    await expect(planning).rejects.toThrow(/tasks\.max/);
  });

  it('surfaces a FAILED connector with its state description', async () => {
    // Prepare
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves({
      ...described(),
      connectorState: 'FAILED',
      stateDescription: { code: 'ConnectorFailed', message: 'could not reach the database' },
    });

    // Act
    const checking = describeConnectors({ request, connectors: { attempt: 0 } }, deps);

    // Assess
    await expect(checking).rejects.toMatchObject({ name: 'ConnectorFailedError' });
    await expect(checking).rejects.toThrow('ConnectorFailed: could not reach the database');
  });

  it('undoes what it created: the connector, the worker configuration and the plugin; gone already is no change', async () => {
    // Prepare
    connect.on(DeleteConnectorCommand).resolves({});
    connect.on(DeleteWorkerConfigurationCommand).resolves({});
    connect
      .on(DeleteCustomPluginCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'NotFoundException' }));

    // Act
    const changes = [
      await undoConnectorEntry(
        { kind: 'connector', platform: 'msk-connect', name: 'ledger-sink', connectorArn: CONNECTOR_ARN },
        deps,
      ),
      await undoConnectorEntry(
        { kind: 'worker-configuration', name: WORKER_NAME, workerConfigurationArn: WORKER_ARN },
        deps,
      ),
      await undoConnectorEntry(
        { kind: 'custom-plugin', name: 'msk-flows-ledger-sink', customPluginArn: PLUGIN_ARN },
        deps,
      ),
    ];

    // Assess
    expect(changes.map((c) => c.action)).toEqual(['delete', 'delete', 'none']);
    expect(connect).toHaveReceivedCommandWith(DeleteConnectorCommand, { connectorArn: CONNECTOR_ARN });
    expect(connect).toHaveReceivedCommandWith(DeleteWorkerConfigurationCommand, {
      workerConfigurationArn: WORKER_ARN,
    });
    expect(connect).toHaveReceivedCommandWith(DeleteCustomPluginCommand, { customPluginArn: PLUGIN_ARN });
  });

  it('undoes a capacity update by putting the previous capacity back with the current version', async () => {
    // Prepare
    connect.on(DescribeConnectorCommand).resolves({ ...described(), currentVersion: 'V2' });
    connect.on(UpdateConnectorCommand).resolves({});
    const previous = described({ mcu: 1, min: 1, max: 4 }).capacity;

    // Act
    const change = await undoConnectorEntry(
      {
        kind: 'connector',
        platform: 'msk-connect',
        name: 'ledger-sink',
        connectorArn: CONNECTOR_ARN,
        previousCapacity: previous,
      },
      deps,
    );

    // Assess
    expect(change.action).toBe('update');
    expect(connect).toHaveReceivedCommandWith(UpdateConnectorCommand, {
      connectorArn: CONNECTOR_ARN,
      currentVersion: 'V2',
      capacity: previous,
    });
  });

  it("offboarding deletes the connector with its current version, and msk-flows' policy on its role", async () => {
    // Prepare
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves(described());
    connect.on(DeleteConnectorCommand).resolves({});
    iam.on(DeleteRolePolicyCommand).resolves({});

    // Act
    const journal = await removeConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(journal.changes).toEqual([
      { kind: 'connector', id: 'ledger-sink (msk-connect)', action: 'delete' },
      {
        kind: 'connector-role-policy',
        id: 'msk-flows-connector-ledger-sink/msk-flows-connector-ledger-sink',
        action: 'delete',
      },
    ]);
    expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, {
      RoleName: 'msk-flows-connector-ledger-sink',
      PolicyName: 'msk-flows-connector-ledger-sink',
    });
    expect(connect).toHaveReceivedCommandWith(DeleteConnectorCommand, {
      connectorArn: CONNECTOR_ARN,
      currentVersion: 'V1',
    });
  });

  it.each([
    ['no description', undefined],
    ["another principal's marker", 'Created by msk-flows for principal someone-else'],
  ])('offboarding leaves a same-named connector alone when it has %s', async (_case, description) => {
    // Prepare
    connect
      .on(ListConnectorsCommand)
      .resolves({ connectors: [{ connectorName: 'ledger-sink', connectorArn: CONNECTOR_ARN }] });
    connect.on(DescribeConnectorCommand).resolves({ ...described(), connectorDescription: description });

    // Act
    const journal = await removeConnectors({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(journal.changes).toEqual([
      {
        kind: 'connector',
        id: 'ledger-sink (msk-connect)',
        action: 'none',
        detail: 'left alone: not created by msk-flows for payments-connect',
      },
    ]);
    expect(connect).not.toHaveReceivedCommand(DeleteConnectorCommand);
    expect(iam).not.toHaveReceivedCommand(DeleteRolePolicyCommand);
  });
});
