import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
import type { Call, CallTable } from './calls';
import {
  ADMIN_LOGIN,
  excused,
  READ_OWN_SECRET,
  REGISTRY_READ,
  REGISTRY_WRITE,
  STORE_WRITES,
} from './kafkaAdminCalls';

/**
 * The private access and trigger tasks' calls. Resource keys: `clusters`, `lockTable`, `consumerRoles`
 * (the ConsumerAccess role of any consumer account), `mappings` (this account's event source mappings),
 * `scramSecrets`, `scramSecretKey`, `any` (`*`). What they do in a consumer account they do with its
 * role's credentials (sts:AssumeRole): those commands are excused here, never granted.
 */
const CONSUMER_SIDE = "sent with the consumer account's role (sts:AssumeRole), not this function's";

const assumeConsumerRole: Call = {
  actions: ['sts:AssumeRole'],
  on: 'consumerRoles',
  by: { command: 'AssumeRoleCommand' },
};
const onCluster = (action: string): Call => ({
  actions: [`kafka:${action}`],
  on: 'clusters',
  by: { command: `${action}Command` },
});
/** Where a trigger points: the principal's secret (described to reference it) and the brokers. */
const mappingTarget: Call[] = [
  {
    actions: ['secretsmanager:DescribeSecret'],
    on: 'scramSecrets',
    by: { command: 'DescribeSecretCommand' },
  },
  onCluster('GetBootstrapBrokers'),
];
/** Reaching the ownership registry in the cluster: the admin login, reading and appending to its topic. */
const REGISTRY: Call[] = [...ADMIN_LOGIN, ...REGISTRY_READ, REGISTRY_WRITE];
/** The Kafka secret store (tasks/onboarding/kafka/clients.ts) comes with the registry; only the admin secret is read. */
const REGISTRY_STORE = excused(
  STORE_WRITES.filter((c) => c !== 'DescribeSecretCommand'),
  'kafka/clients.ts holds the secret store; the registry only reads the admin secret',
);
/** The same for a task that describes no secret of its own: the store's DescribeSecret is never sent either. */
const REGISTRY_STORE_ONLY = excused(
  STORE_WRITES,
  'kafka/clients.ts holds the secret store; the registry only reads the admin secret',
);
/** undoPrivateAccess.ts (shared by the undo of a use) also releases the cluster lock; only Undo Changes does. */
const LOCK_UNDO_ELSEWHERE = excused(
  ['DeleteItemCommand', 'PutItemCommand'],
  'lockTable.ts: the cluster lock is taken by its step and released by Undo Changes, never when a use ends',
);
/** A mapping's tags: who msk-flows made it for (a carried or removed mapping is checked by them). */
const listMappingTags: Call = {
  actions: ['lambda:ListTags'],
  on: 'mappings',
  by: { command: 'ListTagsCommand' },
};
/** ListEventSourceMappings supports no resource-level permissions. */
const listMappings: Call = {
  actions: ['lambda:ListEventSourceMappings'],
  on: 'any',
  by: { command: 'ListEventSourceMappingsCommand' },
};

export const ACQUIRE_CLUSTER_LOCK_CALLS: CallTable = {
  sid: 'AcquireClusterLockCalls',
  entry: WORKFLOW_TASKS.acquireClusterLock.entry,
  calls: [{ actions: ['dynamodb:PutItem'], on: 'lockTable', by: { command: 'PutItemCommand' } }],
  neverSent: { DeleteItemCommand: 'lockTable.ts also releases the lock (Release Cluster Lock)' },
};

export const RELEASE_CLUSTER_LOCK_CALLS: CallTable = {
  sid: 'ReleaseClusterLockCalls',
  entry: WORKFLOW_TASKS.releaseClusterLock.entry,
  calls: [{ actions: ['dynamodb:DeleteItem'], on: 'lockTable', by: { command: 'DeleteItemCommand' } }],
  neverSent: { PutItemCommand: 'lockTable.ts also takes the lock (Acquire Cluster Lock)' },
};

/** Enable Multi-VPC Connectivity: the principal's use of connectivity is recorded in the registry (intent, owned). */
export const ENABLE_MULTI_VPC_CONNECTIVITY_CALLS: CallTable = {
  sid: 'EnableMultiVpcConnectivityCalls',
  entry: WORKFLOW_TASKS.enableMultiVpcConnectivity.entry,
  calls: [...REGISTRY, onCluster('DescribeClusterV2'), onCluster('UpdateConnectivity')],
  neverSent: REGISTRY_STORE_ONLY,
};

/** Cluster operations support no resource-level permissions. */
export const DESCRIBE_CONNECTIVITY_UPDATE_CALLS: CallTable = {
  sid: 'DescribeConnectivityUpdateCalls',
  entry: WORKFLOW_TASKS.describeConnectivityUpdate.entry,
  calls: [
    {
      actions: ['kafka:DescribeClusterOperationV2'],
      on: 'any',
      by: { command: 'DescribeClusterOperationV2Command' },
    },
  ],
};

/** Merge Cluster Policy: the principal's use of the statement is recorded in the registry (intent, owned). */
export const MERGE_CLUSTER_POLICY_CALLS: CallTable = {
  sid: 'MergeClusterPolicyCalls',
  entry: WORKFLOW_TASKS.mergeClusterPolicy.entry,
  calls: [...REGISTRY, onCluster('GetClusterPolicy'), onCluster('PutClusterPolicy')],
  neverSent: {
    ...REGISTRY_STORE_ONLY,
    DeleteClusterPolicyCommand: 'policyStore.ts deletes a policy left empty; a merge adds a statement',
    DescribeClusterV2Command: 'clusterInfo.ts also describes the cluster (Enable Multi-VPC Connectivity)',
  },
};

/** Ensure VPC Connection: the principal's use of the connection is recorded in the registry (intent, owned). */
export const ENSURE_VPC_CONNECTION_CALLS: CallTable = {
  sid: 'EnsureVpcConnectionCalls',
  entry: WORKFLOW_TASKS.ensureVpcConnection.entry,
  calls: [...REGISTRY, assumeConsumerRole],
  neverSent: {
    ...REGISTRY_STORE_ONLY,
    ...excused(
      [
        'CreateVpcConnectionCommand',
        'DescribeVpcConnectionCommand',
        'ListVpcConnectionsCommand',
        'TagResourceCommand',
      ],
      CONSUMER_SIDE,
    ),
  },
};

export const DESCRIBE_VPC_CONNECTION_CALLS: CallTable = {
  sid: 'DescribeVpcConnectionCalls',
  entry: WORKFLOW_TASKS.describeVpcConnection.entry,
  calls: [assumeConsumerRole],
  neverSent: excused(['ListVpcConnectionsCommand'], CONSUMER_SIDE),
};

export const REPORT_CONSUMER_BOOTSTRAP_CALLS: CallTable = {
  sid: 'ReportConsumerBootstrapCalls',
  entry: WORKFLOW_TASKS.reportConsumerBootstrap.entry,
  calls: [onCluster('GetBootstrapBrokers')],
};

/** Copy Trigger Secret: reads our secret here, writes its copy in the consumer account; claims it in the registry. */
export const COPY_TRIGGER_SECRET_CALLS: CallTable = {
  sid: 'CopyTriggerSecretCalls',
  entry: WORKFLOW_TASKS.copyTriggerSecret.entry,
  calls: [...REGISTRY, assumeConsumerRole, ...READ_OWN_SECRET],
  neverSent: {
    ...REGISTRY_STORE,
    ...excused(['CreateSecretCommand', 'DescribeSecretCommand', 'PutSecretValueCommand'], CONSUMER_SIDE),
  },
};

/**
 * Ensure Event Source Mappings: CreateEventSourceMapping supports no resource-level permissions. Each
 * mapping is claimed in the ownership registry (intent, owned).
 */
export const ENSURE_EVENT_SOURCE_MAPPINGS_CALLS: CallTable = {
  sid: 'EnsureEventSourceMappingsCalls',
  entry: WORKFLOW_TASKS.ensureEventSourceMappings.entry,
  calls: [
    ...REGISTRY,
    assumeConsumerRole,
    ...mappingTarget,
    listMappings,
    listMappingTags,
    {
      actions: ['lambda:CreateEventSourceMapping'],
      on: 'any',
      by: { command: 'CreateEventSourceMappingCommand' },
    },
    {
      actions: ['lambda:UpdateEventSourceMapping'],
      on: 'mappings',
      by: { command: 'UpdateEventSourceMappingCommand' },
    },
    {
      actions: ['lambda:TagResource'],
      on: 'mappings',
      by: { dependentOf: 'CreateEventSourceMapping with Tags' },
    },
  ],
  neverSent: { ...excused(['ListVpcConnectionsCommand'], CONSUMER_SIDE), ...REGISTRY_STORE },
};

export const DESCRIBE_EVENT_SOURCE_MAPPINGS_CALLS: CallTable = {
  sid: 'DescribeEventSourceMappingsCalls',
  entry: WORKFLOW_TASKS.describeEventSourceMappings.entry,
  calls: [assumeConsumerRole, ...mappingTarget, listMappings],
  neverSent: excused(['ListVpcConnectionsCommand'], CONSUMER_SIDE),
};

/**
 * Remove Triggers (offboarding): the principal's mappings (the request's and the registry's, checked by
 * their tags, released in the registry) and the secret's copy.
 */
export const REMOVE_TRIGGERS_CALLS: CallTable = {
  sid: 'RemoveTriggersCalls',
  entry: WORKFLOW_TASKS.removeTriggers.entry,
  calls: [
    ...REGISTRY,
    assumeConsumerRole,
    ...mappingTarget,
    listMappings,
    listMappingTags,
    {
      actions: ['lambda:DeleteEventSourceMapping'],
      on: 'mappings',
      by: { command: 'DeleteEventSourceMappingCommand' },
    },
  ],
  neverSent: {
    ...REGISTRY_STORE,
    ...excused(['DeleteSecretCommand', 'ListVpcConnectionsCommand'], CONSUMER_SIDE),
  },
};

/**
 * Remove Private Access (offboarding): the principal's uses the registry holds end (released there): the
 * consumer's VPC connection, then the policy statement once unused; without a registry, by the tags.
 */
export const REMOVE_PRIVATE_ACCESS_CALLS: CallTable = {
  sid: 'RemovePrivateAccessCalls',
  entry: WORKFLOW_TASKS.removePrivateAccess.entry,
  calls: [
    ...REGISTRY,
    assumeConsumerRole,
    onCluster('ListClientVpcConnections'),
    onCluster('GetClusterPolicy'),
    onCluster('PutClusterPolicy'),
    onCluster('DeleteClusterPolicy'),
  ],
  neverSent: {
    ...excused(
      [
        'DeleteVpcConnectionCommand',
        'DescribeVpcConnectionCommand',
        'ListVpcConnectionsCommand',
        'UntagResourceCommand',
      ],
      CONSUMER_SIDE,
    ),
    ...REGISTRY_STORE_ONLY,
    ...LOCK_UNDO_ELSEWHERE,
    DescribeClusterV2Command:
      'undoSharedAccess.ts describes the cluster only to undo connectivity, never offboarding',
    UpdateConnectivityCommand:
      'offboarding never turns connectivity off (undoSharedAccess.ts: Undo Changes only)',
  },
};

/**
 * Ending principals' uses of shared private access from the registry (Finish Unfinished Runs, reconcile,
 * Undo Changes): the policy statement and connectivity in the cluster's account, the VPC connection
 * through the consumer account's role (one whose ARN a crash lost is found by its VPC).
 */
export const UNDO_SHARED_ACCESS_FROM_REGISTRY: Call[] = [
  assumeConsumerRole,
  onCluster('DescribeClusterV2'),
  onCluster('UpdateConnectivity'),
  onCluster('ListClientVpcConnections'),
  onCluster('GetClusterPolicy'),
  onCluster('PutClusterPolicy'),
  onCluster('DeleteClusterPolicy'),
];

/**
 * Undoing event source mappings from the registry (Finish Unfinished Runs, reconcile, Undo Changes): in this
 * account with these grants, in a consumer account through its role; one whose UUID a crash lost is found
 * by its coordinates and deleted only when its tags name the run's request.
 */
export const UNDO_MAPPINGS_FROM_REGISTRY: Call[] = [
  assumeConsumerRole,
  listMappings,
  listMappingTags,
  {
    actions: ['lambda:UpdateEventSourceMapping'],
    on: 'mappings',
    by: { command: 'UpdateEventSourceMappingCommand' },
  },
  {
    actions: ['lambda:DeleteEventSourceMapping'],
    on: 'mappings',
    by: { command: 'DeleteEventSourceMappingCommand' },
  },
];
