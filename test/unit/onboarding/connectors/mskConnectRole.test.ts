import { createHash } from 'node:crypto';
import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeClusterV2Command, KafkaClient } from '@aws-sdk/client-kafka';
import {
  KafkaConnectClient,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
} from '@aws-sdk/client-kafkaconnect';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ensureConnectorPlugins } from '../../../../tasks/onboarding/connectors/ensureConnectorPlugins';
import { ensureRolePolicy } from '../../../../tasks/onboarding/connectors/mskConnect/rolePolicy';
import { rolePolicyDocumentFor } from '../../../../tasks/onboarding/connectors/mskConnect/rolePolicyDocument';
import { planConnectors } from '../../../../tasks/onboarding/connectors/planConnectors';
import type { ConnectorDeps, ConnectorRequest } from '../../../../tasks/onboarding/connectors/types';
import { undoConnectorEntry } from '../../../../tasks/onboarding/connectors/undoConnectors';
import { emptyJournal } from '../../../../tasks/onboarding/contracts';
import type { ConnectorSpec } from '../../../../tasks/onboarding/request/connectorsSchema';

/** The SHA-256 (hex) of a document, as the registry keeps it. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const CLUSTER =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/payments/9f8e7d6c-5b4a-4321-8fed-cba987654321-3';
/** The cluster's topics and groups: `<kind>/<cluster name>/<cluster uuid>/<name>`, same partition and Region. */
const TOPIC =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:topic/payments/9f8e7d6c-5b4a-4321-8fed-cba987654321-3';
const GROUP =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:group/payments/9f8e7d6c-5b4a-4321-8fed-cba987654321-3';
const ROLE = 'arn:aws-cn:iam::111122223333:role/connect/orders-role';
const OTHER_ROLE = 'arn:aws-cn:iam::111122223333:role/connect/spare-role';
const POLICY = 'msk-flows-connector-orders-cdc';

const source: ConnectorSpec = {
  name: 'orders-cdc',
  platform: 'msk-connect',
  kind: 'source',
  plugin: { s3: { bucketArn: 'arn:aws-cn:s3:::payments-plugins', fileKey: 'mysql.zip' }, contentType: 'ZIP' },
  config: {
    'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
    'tasks.max': '1',
    'topic.prefix': 'shop',
  },
  capacity: { provisioned: { mcuCount: 1, workerCount: 1 } },
  serviceExecutionRoleArn: ROLE,
  kafkaConnectVersion: '3.7.x',
};
const sink: ConnectorSpec = {
  ...source,
  name: 'ledger-sink',
  kind: 'sink',
  config: {
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    topics: 'shop.ecommerce.orders, shop.ecommerce.customers',
  },
};
const request: ConnectorRequest = {
  requestId: 'orders-007',
  principal: 'orders-connect',
  cluster: { kind: 'msk', arn: CLUSTER },
  connectors: [source],
};

const msk = mockClient(KafkaClient);
const connect = mockClient(KafkaConnectClient);
const iam = mockClient(IAMClient);
const deps: ConnectorDeps = {
  kafkaConnect: () => undefined,
  secretReference: (name, key) => `\${secretsmanager:${name}:${key}}`,
  selfManagedSecurityProtocol: 'SASL_SSL',
  mskConnectSetup: {
    serviceExecutionRoleArns: [ROLE, OTHER_ROLE],
    pluginBucketArn: 'arn:aws-cn:s3:::payments-plugins',
    workerLogGroup: 'OnboardingMskConnectWorkerLogs-abc123',
  },
  mskConnect: new KafkaConnectClient({ region: 'cn-northwest-1' }),
  kafka: new KafkaClient({ region: 'cn-northwest-1' }),
  iam: new IAMClient({ region: 'cn-northwest-1' }),
  logger: { info: () => undefined, warn: () => undefined },
};

const noSuchEntity = () => Object.assign(new Error('not found'), { name: 'NoSuchEntityException' });
/** IAM returns an inline policy's document URL-encoded. */
const asIamReturnsIt = (document: unknown) => ({
  RoleName: 'orders-role',
  PolicyName: POLICY,
  PolicyDocument: encodeURIComponent(JSON.stringify(document)),
});

function iamCluster(): void {
  msk.on(DescribeClusterV2Command).resolves({
    ClusterInfo: {
      ClusterArn: CLUSTER,
      Provisioned: {
        BrokerNodeGroupInfo: {
          ClientSubnets: ['subnet-a'],
          SecurityGroups: ['sg-1'],
          InstanceType: 'kafka.m5.large',
        },
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
        NumberOfBrokerNodes: 2,
      },
    },
  });
}

/** The document msk-flows must put for the Debezium MySQL source `orders-cdc`, written out by hand. */
const SOURCE_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
      Resource: [CLUSTER],
    },
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      Resource: [`${TOPIC}/shop`, `${TOPIC}/shop.*`],
    },
    {
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      Resource: [`${TOPIC}/__amazon_msk_connect_*`],
    },
    {
      Effect: 'Allow',
      Action: [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
      ],
      Resource: [`${TOPIC}/orders-cdc.schema-history`],
    },
    {
      Effect: 'Allow',
      Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
      Resource: [
        `${GROUP}/__amazon_msk_connect_*`,
        `${GROUP}/connect-orders-cdc`,
        `${GROUP}/orders-cdc.schema-history`,
      ],
    },
  ],
};

describe('MSK Connect service execution role scoped to its connector', () => {
  afterEach(() => {
    msk.reset();
    connect.reset();
    iam.reset();
  });

  it('builds the source policy from the cluster ARN: its topic prefix, schema history, internal topics and groups', () => {
    // Act
    const document = rolePolicyDocumentFor(source, CLUSTER);

    // Assess
    expect(document).toEqual(SOURCE_DOCUMENT);
  });

  it('builds the sink policy: read on its listed topics, its consumer group connect-<name>, no schema history', () => {
    // Act
    const document = rolePolicyDocumentFor(sink, CLUSTER);

    // Assess
    expect(document.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
        Resource: [CLUSTER],
      },
      {
        Effect: 'Allow',
        Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
        Resource: [`${TOPIC}/shop.ecommerce.orders`, `${TOPIC}/shop.ecommerce.customers`],
      },
      SOURCE_DOCUMENT.Statement[2],
      {
        Effect: 'Allow',
        Action: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
        Resource: [`${GROUP}/__amazon_msk_connect_*`, `${GROUP}/connect-ledger-sink`],
      },
    ]);
  });

  it.each([
    ['a sink without topics', { ...sink, config: { 'topics.regex': 'shop\\..*' } }, 'config.topics'],
    [
      'a source without topic.prefix',
      { ...source, config: { 'connector.class': 'x' } },
      'config.topic.prefix',
    ],
  ] as const)('refuses %s in preflight, sending nothing', async (_case, spec, check) => {
    // Act
    const planning = planConnectors({ ...request, connectors: [spec as ConnectorSpec] }, deps);

    // Assess
    await expect(planning).rejects.toMatchObject({ name: 'ConnectorPreflightError', check });
    expect(msk).not.toHaveReceivedAnyCommand();
    expect(iam).not.toHaveReceivedAnyCommand();
  });

  it('refuses a role another MSK Connect connector runs with, naming the field and that connector, touching nothing', async () => {
    // Prepare
    iamCluster();
    connect
      .on(ListConnectorsCommand)
      .resolvesOnce({
        connectors: [{ connectorName: 'billing-sink', serviceExecutionRoleArn: OTHER_ROLE }],
        nextToken: 'page-2',
      })
      .resolvesOnce({ connectors: [{ connectorName: 'payments-cdc', serviceExecutionRoleArn: ROLE }] });

    // Act
    const ensuring = ensureConnectorPlugins({ request, journal: emptyJournal() }, deps);

    // Assess
    await expect(ensuring).rejects.toMatchObject({
      name: 'ConnectorPreflightError',
      check: 'serviceExecutionRoleArn',
    });
    await expect(ensuring).rejects.toThrow(/already serves MSK Connect connector payments-cdc/);
    expect(connect).toHaveReceivedNthCommandWith(2, ListConnectorsCommand, { nextToken: 'page-2' });
    expect(iam).not.toHaveReceivedAnyCommand();
  });

  it('accepts the role the same-named connector already runs with (a rerun): the policy is unchanged', async () => {
    // Prepare
    iamCluster();
    connect.on(ListConnectorsCommand).resolves({
      connectors: [{ connectorName: 'orders-cdc', serviceExecutionRoleArn: ROLE }],
    });
    connect.on(ListCustomPluginsCommand).resolves({
      customPlugins: [{ name: 'msk-flows-orders-cdc', customPluginArn: 'arn:plugin' }],
    });
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(SOURCE_DOCUMENT));

    // Act
    const journal = await ensureConnectorPlugins({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(journal.changes).toEqual([
      { kind: 'connector-role-policy', id: `orders-role/${POLICY}`, action: 'none' },
      { kind: 'custom-plugin', id: 'msk-flows-orders-cdc', action: 'none' },
    ]);
    expect(journal.ledger).toEqual([]);
    expect(iam).toHaveReceivedCommandWith(GetRolePolicyCommand, {
      RoleName: 'orders-role',
      PolicyName: POLICY,
    });
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
  });

  it('puts the inline policy on the role by name when it is missing, journaling that it created it', async () => {
    // Prepare
    iam.on(GetRolePolicyCommand).rejects(noSuchEntity());
    iam.on(PutRolePolicyCommand).resolves({});

    // Act
    const { change, entry } = await ensureRolePolicy(source, CLUSTER, deps);

    // Assess
    expect(iam).toHaveReceivedCommandWith(PutRolePolicyCommand, {
      RoleName: 'orders-role',
      PolicyName: POLICY,
      PolicyDocument: JSON.stringify(SOURCE_DOCUMENT),
    });
    expect(change).toEqual({ kind: 'connector-role-policy', id: `orders-role/${POLICY}`, action: 'create' });
    expect(entry).toEqual({
      kind: 'connector-role-policy',
      roleArn: ROLE,
      policyName: POLICY,
      previous: null,
      digest: sha256(JSON.stringify(SOURCE_DOCUMENT)),
    });
  });

  it('reports the same document as no change and puts nothing', async () => {
    // Prepare
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(SOURCE_DOCUMENT));

    // Act
    const { change, entry } = await ensureRolePolicy(source, CLUSTER, deps);

    // Assess
    expect(change.action).toBe('none');
    expect(entry).toBeUndefined();
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
  });

  it('updates a different document, journaling the one it replaced', async () => {
    // Prepare
    const older = { ...SOURCE_DOCUMENT, Statement: SOURCE_DOCUMENT.Statement.slice(0, 2) };
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt(older));
    iam.on(PutRolePolicyCommand).resolves({});

    // Act
    const { change, entry } = await ensureRolePolicy(source, CLUSTER, deps);

    // Assess
    expect(change.action).toBe('update');
    expect(iam).toHaveReceivedCommandWith(PutRolePolicyCommand, {
      PolicyDocument: JSON.stringify(SOURCE_DOCUMENT),
    });
    expect(entry).toEqual({
      kind: 'connector-role-policy',
      roleArn: ROLE,
      policyName: POLICY,
      previous: JSON.stringify(older),
      digest: sha256(JSON.stringify(SOURCE_DOCUMENT)),
    });
  });

  it('plans an update when the document differs, read-only', async () => {
    // Prepare
    iamCluster();
    connect.on(ListConnectorsCommand).resolves({ connectors: [] });
    connect.on(ListCustomPluginsCommand).resolves({ customPlugins: [] });
    iam.on(GetRolePolicyCommand).resolves(asIamReturnsIt({ Version: '2012-10-17', Statement: [] }));

    // Act
    const changes = await planConnectors(request, deps);

    // Assess
    expect(changes[0]).toEqual({
      kind: 'connector-role-policy',
      id: `orders-role/${POLICY}`,
      action: 'update',
    });
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
  });

  it('undo deletes a policy this run created; already gone is no change', async () => {
    // Prepare
    iam.on(DeleteRolePolicyCommand).resolvesOnce({}).rejectsOnce(noSuchEntity());
    const entry = {
      kind: 'connector-role-policy',
      roleArn: ROLE,
      policyName: POLICY,
      previous: null,
    } as const;

    // Act
    const first = await undoConnectorEntry(entry, deps);
    const again = await undoConnectorEntry(entry, deps);

    // Assess
    expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, {
      RoleName: 'orders-role',
      PolicyName: POLICY,
    });
    expect([first.action, again.action]).toEqual(['delete', 'none']);
    expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
  });

  it('undo puts back the document a changed policy had, deleting nothing', async () => {
    // Prepare
    iam.on(PutRolePolicyCommand).resolves({});
    const previous = JSON.stringify({ Version: '2012-10-17', Statement: [] });

    // Act
    const change = await undoConnectorEntry(
      { kind: 'connector-role-policy', roleArn: ROLE, policyName: POLICY, previous },
      deps,
    );

    // Assess
    expect(change.action).toBe('update');
    expect(iam).toHaveReceivedCommandWith(PutRolePolicyCommand, {
      RoleName: 'orders-role',
      PolicyName: POLICY,
      PolicyDocument: previous,
    });
    expect(iam).not.toHaveReceivedCommand(DeleteRolePolicyCommand);
  });
});
