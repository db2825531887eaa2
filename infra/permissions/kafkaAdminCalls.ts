import type { Call } from './calls';

/**
 * What the onboarding tasks do to AWS and to Kafka as the workflow's admin, in pieces the task tables
 * combine. Resource keys (infra/constructs/onboardingPermissions.ts maps them to ARNs): `clusters`,
 * `configurations`, `topics`, `groups`, `registryTopic` (MSK IAM resources), `adminSecrets`
 * (`msk-flows/admin/…`), `mskAdminSecrets` (an `AmazonMSK_…` admin secret tagged `msk-flows:admin`),
 * `scramSecrets` (`AmazonMSK_…`), `scramSecretKey` (the platform key), `any` (`*`).
 * Over MSK IAM, Kafka requests are IAM actions:
 * https://docs.aws.amazon.com/msk/latest/developerguide/kafka-actions.html
 */

/** The tag every SCRAM secret msk-flows creates carries (tasks/onboarding/credentials/msk/secretState.ts). */
export const OWN_SECRET_TAG = 'msk-flows:principal';
/** The tag an operator puts on an `AmazonMSK_…` admin secret the workflow may log in with. */
export const ADMIN_SECRET_TAG = 'msk-flows:admin';

/** The store's writes (tasks/shared/secrets/secretsManagerStore.ts) that a reading task never sends. */
export const STORE_WRITES = [
  'CreateSecretCommand',
  'DeleteSecretCommand',
  'DescribeSecretCommand',
  'PutSecretValueCommand',
  'RestoreSecretCommand',
] as const;

/** `neverSent` for `commands`, all with one reason. */
export function excused(commands: readonly string[], reason: string): Record<string, string> {
  return Object.fromEntries(commands.map((c) => [c, reason]));
}

/** Reading one of our `AmazonMSK_…` secrets (only the tagged ones), decrypted by Secrets Manager. */
export const READ_OWN_SECRET: Call[] = [
  {
    actions: ['secretsmanager:GetSecretValue'],
    on: 'scramSecrets',
    by: { command: 'GetSecretValueCommand' },
    resourceTag: OWN_SECRET_TAG,
  },
  {
    actions: ['kms:Decrypt'],
    on: 'scramSecretKey',
    by: { dependentOf: 'GetSecretValue of a secret under the platform key' },
    via: 'secretsmanager',
  },
];

/** Describing an `AmazonMSK_…` secret: its tags say whether it is ours, so any of the name's secrets. */
export const DESCRIBE_SECRET: Call = {
  actions: ['secretsmanager:DescribeSecret'],
  on: 'scramSecrets',
  by: { command: 'DescribeSecretCommand' },
};

/** Deleting one of our `AmazonMSK_…` secrets (a recovery window, or at once for compensation). */
export const DELETE_OWN_SECRET: Call = {
  actions: ['secretsmanager:DeleteSecret'],
  on: 'scramSecrets',
  by: { command: 'DeleteSecretCommand' },
  resourceTag: OWN_SECRET_TAG,
};

/** Storing a password: a new secret must carry our tag; an existing one is changed only when it does. */
export const WRITE_OWN_SECRET: Call[] = [
  {
    actions: ['secretsmanager:CreateSecret'],
    on: 'scramSecrets',
    by: { command: 'CreateSecretCommand' },
    requestTag: OWN_SECRET_TAG,
  },
  {
    actions: ['secretsmanager:TagResource'],
    on: 'scramSecrets',
    by: { dependentOf: 'CreateSecret with Tags' },
    requestTag: OWN_SECRET_TAG,
  },
  {
    actions: ['secretsmanager:PutSecretValue'],
    on: 'scramSecrets',
    by: { command: 'PutSecretValueCommand' },
    resourceTag: OWN_SECRET_TAG,
  },
  {
    actions: ['secretsmanager:RestoreSecret'],
    on: 'scramSecrets',
    by: { command: 'RestoreSecretCommand' },
    resourceTag: OWN_SECRET_TAG,
  },
  {
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    on: 'scramSecretKey',
    by: { dependentOf: 'CreateSecret/PutSecretValue under the platform key' },
    via: 'secretsmanager',
  },
];

/** The admin's login on a self-managed cluster: its `msk-flows/admin/…` secret (any key). */
export const SELF_MANAGED_ADMIN: Call[] = [
  {
    actions: ['secretsmanager:GetSecretValue'],
    on: 'adminSecrets',
    by: { command: 'GetSecretValueCommand' },
  },
];

/**
 * The admin's login on either kind of cluster: on MSK the brokers of the SCRAM or IAM listener, the
 * SCRAM admin's `AmazonMSK_…` secret (tagged `msk-flows:admin`, under the platform key), or MSK IAM.
 */
export const ADMIN_LOGIN: Call[] = [
  ...SELF_MANAGED_ADMIN,
  {
    actions: ['kafka:GetBootstrapBrokers'],
    on: 'clusters',
    by: { command: 'GetBootstrapBrokersCommand' },
  },
  {
    actions: ['secretsmanager:GetSecretValue'],
    on: 'mskAdminSecrets',
    by: { command: 'GetSecretValueCommand' },
    resourceTag: ADMIN_SECRET_TAG,
  },
  {
    actions: ['kms:Decrypt'],
    on: 'scramSecretKey',
    by: { dependentOf: "GetSecretValue of an MSK SCRAM admin's secret under the platform key" },
    via: 'secretsmanager',
  },
  {
    actions: ['kafka-cluster:Connect'],
    on: 'clusters',
    by: { code: /new Admin\(/, what: 'the admin connects (over MSK IAM: Connect)' },
  },
];

/** The ownership registry read to its end; created on first use (tasks/onboarding/registry/session.ts). */
export const REGISTRY_READ: Call[] = [
  {
    actions: ['kafka-cluster:DescribeTopic', 'kafka-cluster:CreateTopic'],
    on: 'registryTopic',
    by: { code: /ensureRegistryTopic\(admin/, what: 'the registry topic is listed and created on first use' },
  },
  {
    actions: ['kafka-cluster:ReadData'],
    on: 'registryTopic',
    by: { code: /consumer\.fetch\(/, what: 'Fetch of the registry to its end' },
  },
];

/** Claims and outcomes appended to the registry (Produce). */
export const REGISTRY_WRITE: Call = {
  actions: ['kafka-cluster:WriteData'],
  on: 'registryTopic',
  by: { code: /producer\.send\(/, what: 'Produce of claims and outcomes' },
};

/** A Kafka admin request over MSK IAM: `actions` on `on`, proven by `code` in the task's modules. */
export function kafkaOp(
  actions: string[],
  on: 'clusters' | 'topics' | 'groups',
  code: RegExp,
  what: string,
): Call {
  return { actions: actions.map((a) => `kafka-cluster:${a}`), on, by: { code, what } };
}

/** Topic metadata (ListTopics, Metadata, ListOffsets). */
export const DESCRIBE_TOPICS = kafkaOp(
  ['DescribeTopic'],
  'topics',
  /admin\.metadata\(/,
  'Metadata of topics',
);
/** Topics' dynamic configs (DescribeConfigs on topics). */
export const DESCRIBE_TOPIC_CONFIGS = kafkaOp(
  ['DescribeTopicDynamicConfiguration'],
  'topics',
  /admin\.describeConfigs\(/,
  'DescribeConfigs of topics',
);
/** Setting topics' configs (IncrementalAlterConfigs). */
export const ALTER_TOPIC_CONFIGS = kafkaOp(
  ['AlterTopicDynamicConfiguration'],
  'topics',
  /admin\.incrementalAlterConfigs\(/,
  'IncrementalAlterConfigs of topics',
);
/** DeleteTopics. */
export const DELETE_TOPICS = kafkaOp(['DeleteTopic'], 'topics', /admin\.deleteTopics\(/, 'DeleteTopics');
/** DescribeAcls (a cluster action). */
export const DESCRIBE_ACLS = kafkaOp(
  ['DescribeCluster'],
  'clusters',
  /admin\.describeAcls\(/,
  'DescribeAcls',
);
/** DeleteAcls (a cluster action). */
export const DELETE_ACLS = kafkaOp(['AlterCluster'], 'clusters', /admin\.deleteAcls\(/, 'DeleteAcls');
/** The brokers' configs (DescribeConfigs on a broker): super.users and limits for the guard rails. */
export const DESCRIBE_BROKER_CONFIGS = kafkaOp(
  ['DescribeClusterDynamicConfiguration'],
  'clusters',
  /brokerConfigs\(admin/,
  "DescribeConfigs of a broker (the guard rails' facts)",
);

/** An MSK cluster's super.users, from its configuration revision (tasks/onboarding/guardRails/superUsers.ts). */
export const MSK_SUPER_USERS: Call[] = [
  { actions: ['kafka:DescribeClusterV2'], on: 'clusters', by: { command: 'DescribeClusterV2Command' } },
  {
    actions: ['kafka:DescribeConfigurationRevision'],
    on: 'configurations',
    by: { command: 'DescribeConfigurationRevisionCommand' },
  },
];

/** Association lookups and removal (tasks/onboarding/credentials/msk/associations.ts). */
export const LIST_SCRAM_SECRETS: Call = {
  actions: ['kafka:ListScramSecrets'],
  on: 'clusters',
  by: { command: 'ListScramSecretsCommand' },
};
export const DISASSOCIATE: Call[] = [
  {
    actions: ['kafka:BatchDisassociateScramSecret'],
    on: 'clusters',
    by: { command: 'BatchDisassociateScramSecretCommand' },
  },
  {
    actions: ['kms:RetireGrant'],
    on: 'scramSecretKey',
    by: { dependentOf: 'BatchDisassociateScramSecret retires the grant MSK read the secret with' },
  },
];

/** The Kafka side of undoing a run (tasks/onboarding/registry/undoKafka.ts), one request per kind. */
export const UNDO_KAFKA: Call[] = [
  DESCRIBE_TOPICS,
  DESCRIBE_TOPIC_CONFIGS,
  ALTER_TOPIC_CONFIGS,
  DELETE_TOPICS,
  DELETE_ACLS,
  DELETE_OWN_SECRET,
];

/**
 * What undoing a run from the ownership registry calls (Undo Changes, Finish Unfinished Runs): the admin's
 * login, the registry, the Kafka side and the MSK secrets and associations the run holds.
 */
export const UNDO_FROM_REGISTRY: Call[] = [
  ...ADMIN_LOGIN,
  ...REGISTRY_READ,
  REGISTRY_WRITE,
  ...UNDO_KAFKA,
  DESCRIBE_SECRET,
  LIST_SCRAM_SECRETS,
  ...DISASSOCIATE,
];
