import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
import type { Call, CallTable } from './calls';
import { PLAN_CONNECTORS_CALLS, UNDO_CONNECTORS_CALLS } from './connectorCalls';
import {
  ADMIN_LOGIN,
  ALTER_TOPIC_CONFIGS,
  DELETE_OWN_SECRET,
  DESCRIBE_ACLS,
  DESCRIBE_BROKER_CONFIGS,
  DESCRIBE_SECRET,
  DESCRIBE_TOPIC_CONFIGS,
  DESCRIBE_TOPICS,
  excused,
  kafkaOp,
  LIST_SCRAM_SECRETS,
  MSK_SUPER_USERS,
  OWN_SECRET_TAG,
  READ_OWN_SECRET,
  REGISTRY_READ,
  REGISTRY_WRITE,
  SELF_MANAGED_ADMIN,
  STORE_WRITES,
  UNDO_FROM_REGISTRY,
  WRITE_OWN_SECRET,
} from './kafkaAdminCalls';
import { UNDO_MAPPINGS_FROM_REGISTRY } from './privateAccessCalls';

const READS_ONLY =
  'tasks/onboarding/kafka/clients.ts holds the secret store; this task only reads the admin secret';
const CONSUMER_SIDE = "sent with the consumer account's role (sts:AssumeRole), not this function's";
const ASSUME_CONSUMER_ROLE: Call = {
  actions: ['sts:AssumeRole'],
  on: 'consumerRoles',
  by: { command: 'AssumeRoleCommand' },
};

/** The Kafka-facing tasks with nothing but the admin, the registry and their own requests. */
function adminTask(sid: string, entry: string, calls: Call[], neverSent?: Record<string, string>): CallTable {
  return {
    sid,
    entry,
    calls: [...ADMIN_LOGIN, ...REGISTRY_READ, REGISTRY_WRITE, ...calls],
    neverSent: { ...excused(STORE_WRITES, READS_ONLY), ...neverSent },
  };
}

/**
 * Plan Changes (read-only): the guard rails, each step's planner, the private access preflight. Its
 * connector part is PLAN_CONNECTORS_CALLS.
 */
export const PLAN_CHANGES_CALLS: CallTable = {
  sid: 'PlanChangesCalls',
  entry: WORKFLOW_TASKS.planChanges.entry,
  alongside: [PLAN_CONNECTORS_CALLS],
  calls: [
    ...ADMIN_LOGIN,
    ...REGISTRY_READ,
    DESCRIBE_BROKER_CONFIGS,
    kafkaOp(['DescribeGroup'], 'groups', /admin\.listGroups\(/, 'ListGroups (prefixed grants)'),
    DESCRIBE_ACLS,
    DESCRIBE_TOPICS,
    DESCRIBE_TOPIC_CONFIGS,
    ...MSK_SUPER_USERS,
    DESCRIBE_SECRET,
    ...READ_OWN_SECRET,
    LIST_SCRAM_SECRETS,
    ASSUME_CONSUMER_ROLE,
    { actions: ['kafka:GetClusterPolicy'], on: 'clusters', by: { command: 'GetClusterPolicyCommand' } },
    { actions: ['ec2:DescribeSubnets'], on: 'any', by: { command: 'DescribeSubnetsCommand' } },
    {
      actions: ['lambda:ListEventSourceMappings'],
      on: 'any',
      by: { command: 'ListEventSourceMappingsCommand' },
    },
  ],
  neverSent: {
    ...excused(
      [
        'BatchAssociateScramSecretCommand',
        'BatchDisassociateScramSecretCommand',
        'CreateSecretCommand',
        'DeleteSecretCommand',
        'GetRandomPasswordCommand',
        'PutSecretValueCommand',
        'RestoreSecretCommand',
        'TagResourceCommand',
        'PutClusterPolicyCommand',
        'DeleteClusterPolicyCommand',
      ],
      'planning is read-only; the modules it shares with the steps also change things (other tasks)',
    ),
    ListVpcConnectionsCommand: CONSUMER_SIDE,
  },
};

/** Ensure Scram Secret: a random password in a new tagged secret, or ours restored or adopted. */
export const ENSURE_SCRAM_SECRET_CALLS: CallTable = {
  sid: 'EnsureScramSecretCalls',
  entry: WORKFLOW_TASKS.ensureScramSecret.entry,
  calls: [
    ...ADMIN_LOGIN,
    ...REGISTRY_READ,
    REGISTRY_WRITE,
    { actions: ['secretsmanager:GetRandomPassword'], on: 'any', by: { command: 'GetRandomPasswordCommand' } },
    DESCRIBE_SECRET,
    ...READ_OWN_SECRET,
    ...WRITE_OWN_SECRET,
    {
      actions: ['secretsmanager:TagResource'],
      on: 'scramSecrets',
      by: { command: 'TagResourceCommand' },
      resourceTag: OWN_SECRET_TAG,
    },
  ],
  neverSent: { DeleteSecretCommand: 'kafka/clients.ts holds the secret store; this task never deletes' },
};

/** Describe Cluster: its state, polled until ACTIVE. */
export const DESCRIBE_CLUSTER_CALLS: CallTable = {
  sid: 'DescribeClusterCalls',
  entry: WORKFLOW_TASKS.describeCluster.entry,
  calls: [
    { actions: ['kafka:DescribeClusterV2'], on: 'clusters', by: { command: 'DescribeClusterV2Command' } },
  ],
};

/** Associate Scram Secret: MSK reads the secret through a KMS grant it creates as the caller. */
export const ASSOCIATE_SCRAM_SECRET_CALLS: CallTable = {
  sid: 'AssociateScramSecretCalls',
  entry: WORKFLOW_TASKS.associateScramSecret.entry,
  calls: [
    {
      actions: ['kafka:BatchAssociateScramSecret'],
      on: 'clusters',
      by: { command: 'BatchAssociateScramSecretCommand' },
    },
    LIST_SCRAM_SECRETS,
    DESCRIBE_SECRET,
    ...ADMIN_LOGIN,
    ...REGISTRY_READ,
    REGISTRY_WRITE,
    {
      actions: ['kms:CreateGrant'],
      on: 'scramSecretKey',
      by: { dependentOf: 'BatchAssociateScramSecret lets MSK read the secret through a grant' },
    },
  ],
  neverSent: {
    BatchDisassociateScramSecretCommand: 'associations.ts also disassociates (Undo, Remove Credentials)',
    ...excused(
      STORE_WRITES.filter((c) => c !== 'DescribeSecretCommand'),
      'kafka/clients.ts holds the secret store; this task only reads the admin secret',
    ),
  },
};

/** Upsert Scram User (self-managed only): the SCRAM user, its password stored in our tagged secret. */
export const UPSERT_SCRAM_USER_CALLS: CallTable = {
  sid: 'UpsertScramUserCalls',
  entry: WORKFLOW_TASKS.upsertScramUser.entry,
  calls: [...SELF_MANAGED_ADMIN, DESCRIBE_SECRET, ...READ_OWN_SECRET, ...WRITE_OWN_SECRET, DELETE_OWN_SECRET],
  neverSent: {
    GetBootstrapBrokersCommand:
      'MSK brokers: this task runs for self-managed clusters only (no MSK IAM either)',
  },
};

/** Ensure Topics: create, raise partitions, align configs; claims in the registry. */
export const ENSURE_TOPICS_CALLS = adminTask('EnsureTopicsCalls', WORKFLOW_TASKS.ensureTopics.entry, [
  DESCRIBE_TOPICS,
  kafkaOp(['CreateTopic'], 'topics', /admin\.createTopics\(/, 'CreateTopics'),
  kafkaOp(['AlterTopic'], 'topics', /admin\.createPartitions\(/, 'CreatePartitions'),
  DESCRIBE_TOPIC_CONFIGS,
  ALTER_TOPIC_CONFIGS,
]);

/** Grant ACLs: the missing bindings in one CreateAcls. */
export const GRANT_ACLS_CALLS = adminTask('GrantAclsCalls', WORKFLOW_TASKS.grantAcls.entry, [
  DESCRIBE_ACLS,
  kafkaOp(['AlterCluster'], 'clusters', /admin\.createAcls\(/, 'CreateAcls'),
]);

/** Verify Access: logs in as the principal (SCRAM, its own secret), never as the admin. */
export const VERIFY_ACCESS_CALLS: CallTable = {
  sid: 'VerifyAccessCalls',
  entry: WORKFLOW_TASKS.verifyAccess.entry,
  calls: [
    { actions: ['kafka:GetBootstrapBrokers'], on: 'clusters', by: { command: 'GetBootstrapBrokersCommand' } },
    ...READ_OWN_SECRET,
  ],
  neverSent: excused(
    STORE_WRITES,
    "kafka/clients.ts holds the secret store; this task only reads the principal's",
  ),
};

/** Commit Run: the run's claims marked owned in the registry. */
export const COMMIT_RUN_CALLS = adminTask('CommitRunCalls', WORKFLOW_TASKS.commitRun.entry, []);

/**
 * Undo Changes: only what the ledger and the registry say this execution created or changed. Its
 * connector part is UNDO_CONNECTORS_CALLS.
 */
export const UNDO_CHANGES_CALLS: CallTable = {
  sid: 'UndoChangesCalls',
  entry: WORKFLOW_TASKS.undoChanges.entry,
  alongside: [UNDO_CONNECTORS_CALLS],
  calls: [
    ...UNDO_FROM_REGISTRY,
    ...UNDO_MAPPINGS_FROM_REGISTRY,
    ...(
      [
        ['kafka:DescribeClusterV2', 'DescribeClusterV2Command'],
        ['kafka:UpdateConnectivity', 'UpdateConnectivityCommand'],
        ['kafka:ListClientVpcConnections', 'ListClientVpcConnectionsCommand'],
        ['kafka:GetClusterPolicy', 'GetClusterPolicyCommand'],
        ['kafka:PutClusterPolicy', 'PutClusterPolicyCommand'],
        ['kafka:DeleteClusterPolicy', 'DeleteClusterPolicyCommand'],
      ] as const
    ).map(([action, command]): Call => ({ actions: [action], on: 'clusters', by: { command } })),
    { actions: ['dynamodb:DeleteItem'], on: 'lockTable', by: { command: 'DeleteItemCommand' } },
  ],
  neverSent: {
    ...excused(
      [
        'BatchAssociateScramSecretCommand',
        'CreateSecretCommand',
        'PutSecretValueCommand',
        'RestoreSecretCommand',
      ],
      'undo only deletes; the modules it shares with the steps also create (other tasks)',
    ),
    PutItemCommand: 'lockTable.ts also takes the lock (Acquire Cluster Lock)',
    ...excused(
      [
        'DescribeVpcConnectionCommand',
        'DeleteVpcConnectionCommand',
        'ListVpcConnectionsCommand',
        'UntagResourceCommand',
        'UpdateSecretVersionStageCommand',
      ],
      CONSUMER_SIDE,
    ),
  },
};
