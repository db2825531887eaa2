import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
import type { CallTable } from './calls';
import {
  bootstrapBrokers,
  deleteConnector,
  deleteCustomPlugin,
  deleteWorkerConfiguration,
  describeCluster,
  describeConnector,
  KAFKA_FACING_SECRETS,
  LOOKUP,
  list,
  MSK,
  ROLE_POLICY,
  rolePolicy,
  updateConnector,
} from './connectorCallParts';

/** The connector tasks' call tables, one per task (its grants, and the test that they match its code). */

/**
 * Ensure Connector Plugins: the service execution role scoped to its connector (preflight: no other connector
 * runs with it), custom plugins from the plugin bucket, worker configurations, both tagged; all claimed in
 * the ownership registry in the cluster first (Kafka-facing).
 */
export const ENSURE_CONNECTOR_PLUGINS_CALLS: CallTable = {
  sid: 'EnsureConnectorPluginsCalls',
  entry: WORKFLOW_TASKS.ensureConnectorPlugins.entry,
  calls: [
    // The brokers of its admin connection to the ownership registry in the cluster.
    bootstrapBrokers,
    describeCluster,
    list('Connectors'),
    rolePolicy('Get'),
    rolePolicy('Put'),
    list('CustomPlugins'),
    list('WorkerConfigurations'),
    {
      actions: ['kafkaconnect:CreateCustomPlugin'],
      on: 'any',
      by: { command: 'CreateCustomPluginCommand' },
      when: MSK,
    },
    {
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      on: 'pluginObjects',
      by: { dependentOf: 'CreateCustomPlugin reads the plugin archive (a version of it) as the caller' },
      when: MSK,
    },
    {
      actions: ['kafkaconnect:CreateWorkerConfiguration'],
      on: 'any',
      by: { command: 'CreateWorkerConfigurationCommand' },
      when: MSK,
    },
    {
      actions: ['kafkaconnect:TagResource'],
      on: 'ownPluginsAndWorkerConfigurations',
      by: { dependentOf: 'tags on CreateCustomPlugin and CreateWorkerConfiguration' },
      when: MSK,
    },
  ],
  neverSent: { DeleteRolePolicyCommand: `${ROLE_POLICY} puts it`, ...KAFKA_FACING_SECRETS },
};

/** Describe Connector Plugins: is each custom plugin ACTIVE? */
export const DESCRIBE_CONNECTOR_PLUGINS_CALLS: CallTable = {
  sid: 'DescribeConnectorPluginsCalls',
  entry: WORKFLOW_TASKS.describeConnectorPlugins.entry,
  calls: [
    list('CustomPlugins'),
    {
      actions: ['kafkaconnect:DescribeCustomPlugin'],
      on: 'ownPlugins',
      by: { command: 'DescribeCustomPluginCommand' },
      when: MSK,
    },
  ],
  neverSent: {
    ListConnectorsCommand: `${LOOKUP} looks up custom plugins only`,
    ListWorkerConfigurationsCommand: `${LOOKUP} looks up custom plugins only`,
  },
};

/**
 * Ensure Connectors: CreateConnector, and what MSK Connect checks or sets up as the caller while creating
 * one (the CloudFormation handler of AWS::KafkaConnect::Connector lists the same): the service execution
 * role passed to it, its service-linked role on first use, the VPC placement, CloudWatch log delivery and
 * the tags. Kafka Connect connectors are REST calls.
 */
export const ENSURE_CONNECTORS_CALLS: CallTable = {
  sid: 'EnsureConnectorsCalls',
  entry: WORKFLOW_TASKS.ensureConnectors.entry,
  calls: [
    describeCluster,
    bootstrapBrokers,
    list('Connectors'),
    list('CustomPlugins'),
    list('WorkerConfigurations'),
    describeConnector,
    updateConnector,
    {
      actions: ['kafkaconnect:DescribeCustomPlugin'],
      on: 'ownPlugins',
      by: { command: 'DescribeCustomPluginCommand' },
      when: MSK,
    },
    {
      actions: ['kafkaconnect:CreateConnector'],
      on: 'any',
      by: { command: 'CreateConnectorCommand' },
      when: MSK,
    },
    {
      actions: ['kafkaconnect:TagResource'],
      on: 'connectors',
      by: { dependentOf: 'tags on CreateConnector' },
      when: MSK,
    },
    {
      actions: ['iam:PassRole'],
      on: 'serviceExecutionRoles',
      by: { dependentOf: 'CreateConnector passes the service execution role' },
      when: MSK,
      stringEquals: { 'iam:PassedToService': 'kafkaconnect.amazonaws.com' },
    },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      on: 'connectServiceLinkedRole',
      by: { dependentOf: "the account's first CreateConnector creates AWSServiceRoleForKafkaConnect" },
      when: MSK,
      stringEquals: { 'iam:AWSServiceName': 'kafkaconnect.amazonaws.com' },
    },
    {
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
      ],
      on: 'any',
      by: { dependentOf: "CreateConnector checks the connector's subnets and security groups" },
      when: MSK,
    },
    {
      actions: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      on: 'any',
      by: { dependentOf: 'CreateConnector with CloudWatch worker log delivery (vended logs)' },
      when: MSK,
    },
  ],
  neverSent: KAFKA_FACING_SECRETS,
};

/** Describe Connectors: each connector's state (Kafka Connect's through its REST API). */
export const DESCRIBE_CONNECTORS_CALLS: CallTable = {
  sid: 'DescribeConnectorsCalls',
  entry: WORKFLOW_TASKS.describeConnectors.entry,
  calls: [list('Connectors'), describeConnector],
  neverSent: {
    ListCustomPluginsCommand: `${LOOKUP} looks up connectors only`,
    ListWorkerConfigurationsCommand: `${LOOKUP} looks up connectors only`,
    GetBootstrapBrokersCommand:
      "kafkaConnect/kafkaConnector.ts resolves brokers for a connector's config; this task only reads states",
  },
};

/** Remove Connectors (offboarding): the request's connectors, found by name; Kafka Connect's need the brokers. */
export const REMOVE_CONNECTORS_CALLS: CallTable = {
  sid: 'RemoveConnectorsCalls',
  entry: WORKFLOW_TASKS.removeConnectors.entry,
  calls: [bootstrapBrokers, list('Connectors'), describeConnector, ...deleteConnector, rolePolicy('Delete')],
  neverSent: {
    ListCustomPluginsCommand: `${LOOKUP} looks up connectors only`,
    ListWorkerConfigurationsCommand: `${LOOKUP} looks up connectors only`,
    GetRolePolicyCommand: `${ROLE_POLICY} deletes it`,
    PutRolePolicyCommand: `${ROLE_POLICY} deletes it`,
    ...KAFKA_FACING_SECRETS,
  },
};

/** Plan Changes' connector part (planConnectors.ts): read-only looks. Plan Changes has other calls too. */
export const PLAN_CONNECTORS_CALLS: CallTable = {
  sid: 'PlanConnectorsCalls',
  entry: 'tasks/onboarding/connectors/planConnectors.ts',
  calls: [
    describeCluster,
    bootstrapBrokers,
    list('Connectors'),
    list('CustomPlugins'),
    list('WorkerConfigurations'),
    describeConnector,
    rolePolicy('Get'),
  ],
  neverSent: Object.fromEntries(
    [
      'CreateConnectorCommand',
      'UpdateConnectorCommand',
      'DescribeCustomPluginCommand',
      'CreateCustomPluginCommand',
      'CreateWorkerConfigurationCommand',
      'PutRolePolicyCommand',
      'DeleteRolePolicyCommand',
    ].map((c) => [
      c,
      'planning is read-only; mskConnector.ts, plugins.ts and rolePolicy.ts also ensure (other tasks)',
    ]),
  ),
};

/** Undo Changes' connector part (undoConnectors.ts): what the execution created. Undo has other calls too. */
export const UNDO_CONNECTORS_CALLS: CallTable = {
  sid: 'UndoConnectorsCalls',
  entry: 'tasks/onboarding/connectors/undoConnectors.ts',
  calls: [
    list('Connectors'),
    list('CustomPlugins'),
    list('WorkerConfigurations'),
    describeConnector,
    updateConnector,
    ...deleteConnector,
    deleteCustomPlugin,
    deleteWorkerConfiguration,
    rolePolicy('Get'),
    rolePolicy('Put'),
    rolePolicy('Delete'),
  ],
};

const REGISTRY_HOLDS = 'the ownership registry holds only what msk-flows created';

/**
 * Finish Unfinished Runs' connector part (undoRunConnectors.ts over undoConnectors.ts): what an unfinished
 * run holds in the ownership registry, undone from there; an MSK Connect thing held by name only (a crash
 * before its ARN was recorded) is found with its List call, a role policy held as an intent only is read
 * first (is it the document msk-flows put?). Finish Unfinished Runs has other calls too.
 */
export const FINISH_RUNS_CONNECTORS_CALLS: CallTable = {
  sid: 'FinishRunsConnectorsCalls',
  // undoRunConnectors.ts undoes each held thing with undoConnectors.ts: the module that sends the calls.
  entry: 'tasks/onboarding/connectors/undoConnectors.ts',
  calls: [
    list('Connectors'),
    list('CustomPlugins'),
    list('WorkerConfigurations'),
    ...deleteConnector,
    deleteCustomPlugin,
    deleteWorkerConfiguration,
    rolePolicy('Get'),
    rolePolicy('Delete'),
  ],
  neverSent: {
    PutRolePolicyCommand: `${ROLE_POLICY} puts a replaced document back; ${REGISTRY_HOLDS}`,
    DescribeConnectorCommand: `undoConnectors.ts describes a connector to put back a capacity update; ${REGISTRY_HOLDS}`,
    UpdateConnectorCommand: `undoConnectors.ts puts back a capacity update; ${REGISTRY_HOLDS}`,
  },
};
