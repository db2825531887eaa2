import type { Call } from './calls';

/**
 * The calls the connector tasks are made of, each once (connectorCalls.ts puts them in each task's table). Mode `msk-connect`: the deployment sets up MSK Connect (context
 * `msk-flows:mskConnect`); without it only Kafka Connect connectors run, whose REST calls need the network
 * and no IAM. Actions and their resource types:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmanagedstreamingforkafkaconnect.html
 */
export const MSK = 'msk-connect';

/** kafka/clients.ts's secret store, which the Kafka-side credential tasks use. */
const KAFKA_TASK_SECRETS = 'kafka/clients.ts holds the secret store of the credential tasks';

/**
 * The secret store commands a Kafka-facing connector task's modules hold (it reaches the ownership registry
 * in the cluster): its admin connection reads the admin secret, granted with every Kafka-facing task
 * (infra/constructs/onboardingPermissions.ts); it writes none.
 */
export const KAFKA_FACING_SECRETS: Record<string, string> = {
  GetSecretValueCommand: `${KAFKA_TASK_SECRETS}; the admin secret's read is the Kafka-facing grant`,
  CreateSecretCommand: `${KAFKA_TASK_SECRETS}; it writes none`,
  PutSecretValueCommand: `${KAFKA_TASK_SECRETS}; it writes none`,
  DeleteSecretCommand: `${KAFKA_TASK_SECRETS}; it deletes none`,
  RestoreSecretCommand: `${KAFKA_TASK_SECRETS}; it restores none`,
  DescribeSecretCommand: `${KAFKA_TASK_SECRETS}; it describes none`,
};

export const LOOKUP =
  'mskConnect/lookup.ts finds connectors, custom plugins and worker configurations; this task';

/** `List<what>` (no resource-level permissions) by the command of the same name. */
export const list = (what: 'Connectors' | 'CustomPlugins' | 'WorkerConfigurations'): Call => ({
  actions: [`kafkaconnect:List${what}`],
  on: 'any',
  by: { command: `List${what}Command` },
  when: MSK,
});

export const describeCluster: Call = {
  actions: ['kafka:DescribeClusterV2'],
  on: 'clusters',
  by: { command: 'DescribeClusterV2Command' },
  when: MSK,
};

/** The brokers: IAM ones for MSK Connect's schema history, SCRAM ones for Kafka Connect on MSK. */
export const bootstrapBrokers: Call = {
  actions: ['kafka:GetBootstrapBrokers'],
  on: 'clusters',
  by: { command: 'GetBootstrapBrokersCommand' },
};

export const describeConnector: Call = {
  actions: ['kafkaconnect:DescribeConnector'],
  on: 'connectors',
  by: { command: 'DescribeConnectorCommand' },
  when: MSK,
};

export const updateConnector: Call = {
  actions: ['kafkaconnect:UpdateConnector'],
  on: 'connectors',
  by: { command: 'UpdateConnectorCommand' },
  when: MSK,
};

/**
 * DeleteConnector, and the log delivery MSK Connect removes with it as the caller (the CloudFormation
 * handler of AWS::KafkaConnect::Connector lists the same for its delete).
 */
export const deleteConnector: Call[] = [
  {
    actions: ['kafkaconnect:DeleteConnector'],
    on: 'connectors',
    by: { command: 'DeleteConnectorCommand' },
    when: MSK,
  },
  {
    actions: ['logs:DeleteLogDelivery', 'logs:GetLogDelivery', 'logs:ListLogDeliveries'],
    on: 'any',
    by: { dependentOf: 'DeleteConnector of a connector with CloudWatch worker log delivery' },
    when: MSK,
  },
];

export const deleteCustomPlugin: Call = {
  actions: ['kafkaconnect:DeleteCustomPlugin'],
  on: 'ownPlugins',
  by: { command: 'DeleteCustomPluginCommand' },
  when: MSK,
};

export const deleteWorkerConfiguration: Call = {
  actions: ['kafkaconnect:DeleteWorkerConfiguration'],
  on: 'ownWorkerConfigurations',
  by: { command: 'DeleteWorkerConfigurationCommand' },
  when: MSK,
};

/**
 * The inline policy `msk-flows-connector-<name>` on a connector's service execution role
 * (mskConnect/rolePolicy.ts), only on the roles the deployment gives (context msk-flows:mskConnect).
 */
export const rolePolicy = (action: 'Get' | 'Put' | 'Delete'): Call => ({
  actions: [`iam:${action}RolePolicy`],
  on: 'serviceExecutionRoles',
  by: { command: `${action}RolePolicyCommand` },
  when: MSK,
});

export const ROLE_POLICY =
  'mskConnect/rolePolicy.ts reads, puts and deletes the role policy for several tasks; this one';
