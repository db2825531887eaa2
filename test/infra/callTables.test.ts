import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { type CallTable, callsIn } from '../../infra/permissions/calls';
import {
  DESCRIBE_CONNECTOR_PLUGINS_CALLS,
  DESCRIBE_CONNECTORS_CALLS,
  ENSURE_CONNECTOR_PLUGINS_CALLS,
  ENSURE_CONNECTORS_CALLS,
  FINISH_RUNS_CONNECTORS_CALLS,
  PLAN_CONNECTORS_CALLS,
  REMOVE_CONNECTORS_CALLS,
  UNDO_CONNECTORS_CALLS,
} from '../../infra/permissions/connectorCalls';
import {
  BRIDGE_CALLS,
  FLIGHT_DATA_CALLS,
  IOT_TO_S3_CALLS,
  KAFKA_TO_S3_CALLS,
  START_WORKFLOW_CALLS,
} from '../../infra/permissions/ingestCalls';
import {
  CHECK_PRINCIPAL_CALLS,
  DELETE_TOPICS_CALLS,
  FINISH_UNFINISHED_RUNS_CALLS,
  PLAN_OFFBOARDING_CALLS,
  REMOVE_CREDENTIALS_CALLS,
  REVOKE_ACLS_CALLS,
} from '../../infra/permissions/offboardingCalls';
import {
  ASSOCIATE_SCRAM_SECRET_CALLS,
  COMMIT_RUN_CALLS,
  DESCRIBE_CLUSTER_CALLS,
  ENSURE_SCRAM_SECRET_CALLS,
  ENSURE_TOPICS_CALLS,
  GRANT_ACLS_CALLS,
  PLAN_CHANGES_CALLS,
  UNDO_CHANGES_CALLS,
  UPSERT_SCRAM_USER_CALLS,
  VERIFY_ACCESS_CALLS,
} from '../../infra/permissions/onboardingCalls';
import {
  ACQUIRE_CLUSTER_LOCK_CALLS,
  COPY_TRIGGER_SECRET_CALLS,
  DESCRIBE_CONNECTIVITY_UPDATE_CALLS,
  DESCRIBE_EVENT_SOURCE_MAPPINGS_CALLS,
  DESCRIBE_VPC_CONNECTION_CALLS,
  ENABLE_MULTI_VPC_CONNECTIVITY_CALLS,
  ENSURE_EVENT_SOURCE_MAPPINGS_CALLS,
  ENSURE_VPC_CONNECTION_CALLS,
  MERGE_CLUSTER_POLICY_CALLS,
  RELEASE_CLUSTER_LOCK_CALLS,
  REMOVE_PRIVATE_ACCESS_CALLS,
  REMOVE_TRIGGERS_CALLS,
  REPORT_CONSUMER_BOOTSTRAP_CALLS,
} from '../../infra/permissions/privateAccessCalls';
import { commandsIn, graphSource } from '../../workflows/shared/moduleGraph';
import { exampleContext, ingestWith } from '../helpers/deployContext';

type Statement = { Sid?: string; Action: string | string[] };

/** What a function's role holds besides its own code's calls, and why (none of it is the code's doing). */
const LOGS_AND_TRACES = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
/** Lambda attaches a VPC function's network interfaces with the function's role. */
const VPC_ENIS = [
  'ec2:AssignPrivateIpAddresses',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:UnassignPrivateIpAddresses',
];
/** What infra/constructs/onboardingPermissions.ts grants every Kafka-facing task (brokers, admin secret, MSK IAM, registry). */
const KAFKA_FACING = [
  'kafka:GetBootstrapBrokers',
  'secretsmanager:GetSecretValue',
  'kafka-cluster:Connect',
  'kafka-cluster:DescribeCluster',
  'kafka-cluster:AlterCluster',
  'kafka-cluster:DescribeTopic',
  'kafka-cluster:CreateTopic',
  'kafka-cluster:AlterTopic',
  'kafka-cluster:DeleteTopic',
  'kafka-cluster:DescribeTopicDynamicConfiguration',
  'kafka-cluster:AlterTopicDynamicConfiguration',
  'kafka-cluster:ReadData',
  'kafka-cluster:WriteData',
];
/** The Kinesis trigger reads the stream and reports given-up batches to an SSE-KMS queue. */
const KINESIS_TRIGGER = [
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamConsumer',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:ListStreams',
  'kinesis:SubscribeToShard',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'sqs:SendMessage',
];
/** The SQS trigger receives and deletes from an SSE-KMS queue. */
const SQS_TRIGGER = [
  'kms:Decrypt',
  'sqs:ChangeMessageVisibility',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ReceiveMessage',
];
/** The MSK trigger's pollers: brokers, the VPC connection, the SCRAM secret, the on-failure queue. */
const MSK_TRIGGER = [
  ...VPC_ENIS.filter((a) => !a.includes('PrivateIp')),
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
  'kafka:DescribeClusterV2',
  'kafka:DescribeVpcConnection',
  'kafka:GetBootstrapBrokers',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:SendMessage',
];

const example = buildAppWithoutBundling(exampleContext());
const bridgeIn = (auth: 'iam' | 'tls') =>
  buildAppWithoutBundling(
    ingestWith('bridge', {
      topic: 'telemetry.kinesis',
      bootstrapServers: ['b-1.orders.abc123.c2.kafka.cn-northwest-1.amazonaws.com.cn:9098'],
      auth,
      clusterArn:
        'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2',
    }),
  ).ingest;

interface Case {
  table: CallTable;
  mode?: string;
  stack: Stack;
  role: string;
  /** What else the role may hold; `undefined`: the table is one part of a task that has other calls. */
  besides?: string[];
}

/** The connector tasks with and without MSK Connect (`{}`: cdk.json as committed, no VPC). */
const allOff = buildAppWithoutBundling({});
const connectorCases: Case[] = (
  [
    [ENSURE_CONNECTOR_PLUGINS_CALLS, 'TasksEnsureConnectorPluginsRole', true, KAFKA_FACING],
    [DESCRIBE_CONNECTOR_PLUGINS_CALLS, 'TasksDescribeConnectorPluginsRole', false],
    [ENSURE_CONNECTORS_CALLS, 'TasksEnsureConnectorsRole', true, KAFKA_FACING],
    [DESCRIBE_CONNECTORS_CALLS, 'TasksDescribeConnectorsRole', true],
    [REMOVE_CONNECTORS_CALLS, 'TasksRemoveConnectorsRole', true, KAFKA_FACING],
    [PLAN_CONNECTORS_CALLS, 'TasksPlanChangesRole', undefined],
    [UNDO_CONNECTORS_CALLS, 'TasksUndoChangesRole', undefined],
    [FINISH_RUNS_CONNECTORS_CALLS, 'TasksFinishUnfinishedRunsRole', undefined],
  ] as [CallTable, string, boolean | undefined, string[]?][]
).flatMap(([table, role, inVpc, kafkaFacing = []]) => {
  const besides = (vpc: boolean) =>
    inVpc === undefined ? undefined : [...LOGS_AND_TRACES, ...(vpc && inVpc ? VPC_ENIS : []), ...kafkaFacing];
  return [
    { table, mode: 'msk-connect', stack: example.onboarding, role, besides: besides(true) },
    { table, stack: allOff.onboarding, role, besides: besides(false) },
  ];
});

/**
 * The onboarding/offboarding tasks, in the example deployment (VPC, MSK Connect) and with everything off.
 * Plan and Undo Changes also hold their connector tables' calls.
 */
const connectorActions = (table: CallTable, mode?: string) => callsIn(table, mode).flatMap((c) => c.actions);
const onboardingCases: Case[] = (
  [
    [PLAN_CHANGES_CALLS, 'TasksPlanChangesRole', true, PLAN_CONNECTORS_CALLS],
    [ENSURE_SCRAM_SECRET_CALLS, 'TasksEnsureScramSecretRole', true],
    [DESCRIBE_CLUSTER_CALLS, 'TasksDescribeClusterRole', false],
    [ASSOCIATE_SCRAM_SECRET_CALLS, 'TasksAssociateScramSecretRole', true],
    [UPSERT_SCRAM_USER_CALLS, 'TasksUpsertScramUserRole', true],
    [ENSURE_TOPICS_CALLS, 'TasksEnsureTopicsRole', true],
    [GRANT_ACLS_CALLS, 'TasksGrantAclsRole', true],
    [VERIFY_ACCESS_CALLS, 'TasksVerifyAccessRole', true],
    [COMMIT_RUN_CALLS, 'TasksCommitRunRole', true],
    [UNDO_CHANGES_CALLS, 'TasksUndoChangesRole', true, UNDO_CONNECTORS_CALLS],
    [PLAN_OFFBOARDING_CALLS, 'TasksPlanOffboardingRole', true],
    [FINISH_UNFINISHED_RUNS_CALLS, 'TasksFinishUnfinishedRunsRole', true, FINISH_RUNS_CONNECTORS_CALLS],
    [CHECK_PRINCIPAL_CALLS, 'TasksCheckPrincipalRole', true],
    [REVOKE_ACLS_CALLS, 'TasksRevokeAclsRole', true],
    [REMOVE_CREDENTIALS_CALLS, 'TasksRemoveCredentialsRole', true],
    [DELETE_TOPICS_CALLS, 'TasksDeleteTopicsRole', true],
    [ACQUIRE_CLUSTER_LOCK_CALLS, 'TasksAcquireClusterLockRole', false],
    [RELEASE_CLUSTER_LOCK_CALLS, 'TasksReleaseClusterLockRole', false],
    [ENABLE_MULTI_VPC_CONNECTIVITY_CALLS, 'TasksEnableMultiVpcConnectivityRole', true],
    [DESCRIBE_CONNECTIVITY_UPDATE_CALLS, 'TasksDescribeConnectivityUpdateRole', false],
    [MERGE_CLUSTER_POLICY_CALLS, 'TasksMergeClusterPolicyRole', true],
    [ENSURE_VPC_CONNECTION_CALLS, 'TasksEnsureVpcConnectionRole', true],
    [DESCRIBE_VPC_CONNECTION_CALLS, 'TasksDescribeVpcConnectionRole', false],
    [REPORT_CONSUMER_BOOTSTRAP_CALLS, 'TasksReportConsumerBootstrapRole', false],
    [COPY_TRIGGER_SECRET_CALLS, 'TasksCopyTriggerSecretRole', true],
    [ENSURE_EVENT_SOURCE_MAPPINGS_CALLS, 'TasksEnsureEventSourceMappingsRole', true],
    [DESCRIBE_EVENT_SOURCE_MAPPINGS_CALLS, 'TasksDescribeEventSourceMappingsRole', false],
    [REMOVE_TRIGGERS_CALLS, 'TasksRemoveTriggersRole', true],
    [REMOVE_PRIVATE_ACCESS_CALLS, 'TasksRemovePrivateAccessRole', true],
  ] as [CallTable, string, boolean, CallTable?][]
).flatMap(([table, role, inVpc, connectors]) => [
  {
    table,
    stack: example.onboarding,
    role,
    besides: [
      ...LOGS_AND_TRACES,
      ...(inVpc ? VPC_ENIS : []),
      ...(connectors ? connectorActions(connectors, 'msk-connect') : []),
    ],
  },
  {
    table,
    stack: allOff.onboarding,
    role,
    besides: [...LOGS_AND_TRACES, ...(connectors ? connectorActions(connectors) : [])],
  },
]);

const cases: Case[] = [
  {
    table: BRIDGE_CALLS,
    mode: 'scram',
    stack: example.ingest,
    role: 'KinesisToKafkaFunctionRole',
    besides: [...LOGS_AND_TRACES, ...VPC_ENIS, ...KINESIS_TRIGGER],
  },
  {
    table: BRIDGE_CALLS,
    mode: 'iam',
    stack: bridgeIn('iam'),
    role: 'KinesisToKafkaFunctionRole',
    besides: [...LOGS_AND_TRACES, ...VPC_ENIS, ...KINESIS_TRIGGER],
  },
  {
    table: BRIDGE_CALLS,
    mode: 'tls',
    stack: bridgeIn('tls'),
    role: 'KinesisToKafkaFunctionRole',
    besides: [...LOGS_AND_TRACES, ...VPC_ENIS, ...KINESIS_TRIGGER],
  },
  {
    table: IOT_TO_S3_CALLS,
    stack: example.ingest,
    role: 'IotToS3FunctionRole',
    besides: [...LOGS_AND_TRACES, ...SQS_TRIGGER],
  },
  {
    table: KAFKA_TO_S3_CALLS,
    stack: example.consumer as Stack,
    role: 'KafkaToS3FunctionRole',
    besides: [...LOGS_AND_TRACES, ...MSK_TRIGGER],
  },
  {
    table: FLIGHT_DATA_CALLS,
    stack: example.consumer as Stack,
    role: 'FlightDataApiHandlerFunctionRole',
    besides: [...LOGS_AND_TRACES, ...VPC_ENIS],
  },
  {
    table: START_WORKFLOW_CALLS,
    stack: example.onboarding,
    role: 'WorkflowApionboardingsStartRole',
    besides: LOGS_AND_TRACES,
  },
  ...connectorCases,
  ...onboardingCases,
];

/** Every statement of the policies attached to the role whose logical id starts with `prefix`. */
function roleStatements(stack: Stack, prefix: string): Statement[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.values(policies)
    .filter((p) => p.Properties.Roles.some((r) => r.Ref.startsWith(prefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const actions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat()).sort();
const tables = [...new Set(cases.map((c) => c.table))];

describe('call tables', () => {
  describe.each(tables.map((t) => [t.sid, t] as const))('%s against its code', (_sid, table) => {
    const inCode = commandsIn(table.entry);
    const commandsOf = (t: CallTable) => t.calls.flatMap((c) => ('command' in c.by ? [c.by.command] : []));
    const commands = commandsOf(table);
    // The function's other tables (its connector part) account for the commands of their own modules.
    const alongside = (table.alongside ?? []).flatMap((t) => [
      ...commandsOf(t),
      ...Object.keys(t.neverSent ?? {}),
    ]);

    it('lists every SDK command its modules construct (or says why it is never sent)', () => {
      // Assess
      expect(
        inCode.filter(
          (c) => !commands.includes(c) && !(c in (table.neverSent ?? {})) && !alongside.includes(c),
        ),
      ).toEqual([]);
    });

    it('lists no command, and excuses none, its code does not construct', () => {
      // Assess
      expect([...new Set(commands)].filter((c) => !inCode.includes(c))).toEqual([]);
      expect(Object.keys(table.neverSent ?? {}).filter((c) => !inCode.includes(c))).toEqual([]);
    });

    it('finds each of its other calls in the code', () => {
      // Act
      const source = graphSource(table.entry);

      // Assess
      const missing = table.calls.flatMap((c) =>
        'code' in c.by && !c.by.code.test(source) ? [c.by.what] : [],
      );
      expect(missing).toEqual([]);
    });
  });

  it.each(cases.map((c) => [`${c.table.sid}${c.mode ? ` (${c.mode})` : ''}`, c] as const))(
    '%s: the role grants exactly the calls of the table, and otherwise only what Lambda and the trigger need',
    (_name, c) => {
      // Act
      const statements = roleStatements(c.stack, c.role);
      const ours = statements.filter((s) => s.Sid?.startsWith(c.table.sid));
      const others = statements.filter((s) => !s.Sid?.startsWith(c.table.sid));

      // Assess
      expect(statements.length).toBeGreaterThan(0);
      expect(actions(ours)).toEqual(
        callsIn(c.table, c.mode)
          .flatMap((call) => call.actions)
          .sort(),
      );
      if (c.besides) expect(actions(others).filter((a) => !c.besides?.includes(a))).toEqual([]);
    },
  );
});
