import { Stack, Token } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { MskConnectConfig } from '../config';
import { acknowledge, nagArn } from '../nag';
import { type CallTable, grantCalls } from '../permissions/calls';
import {
  DESCRIBE_CONNECTOR_PLUGINS_CALLS,
  DESCRIBE_CONNECTORS_CALLS,
  ENSURE_CONNECTOR_PLUGINS_CALLS,
  ENSURE_CONNECTORS_CALLS,
  FINISH_RUNS_CONNECTORS_CALLS,
  PLAN_CONNECTORS_CALLS,
  REMOVE_CONNECTORS_CALLS,
  UNDO_CONNECTORS_CALLS,
} from '../permissions/connectorCalls';
import { ArnPatterns } from './arns';
import type { ConnectorTaskFunctions } from './connectorFunctions';

/**
 * The functions that run connector code: the five connector tasks, and Plan/Undo Changes and Finish
 * Unfinished Runs for their parts.
 */
export interface ConnectorGrantees {
  connectors: ConnectorTaskFunctions;
  planChanges: IGrantable & IConstruct;
  undoChanges: IGrantable & IConstruct;
  finishUnfinishedRuns: IGrantable & IConstruct;
}

/** MSK Connect resources msk-flows creates are named `msk-flows-…` (tasks/onboarding/connectors/names.ts). */
const OWN_PREFIX = 'msk-flows-';

/**
 * Grants each connector task exactly its call table's calls (MSK Connect's only when the deployment sets it
 * up), on ARNs built with the partition; iam:PassRole only on the configured service execution roles and
 * only to MSK Connect.
 */
export function grantConnectorCalls(
  scope: IConstruct,
  fns: ConnectorGrantees,
  mskConnect: MskConnectConfig | undefined,
): void {
  const stack = Stack.of(scope);
  const kafkaconnect = (resource: string) =>
    `arn:${stack.partition}:kafkaconnect:${stack.region}:${stack.account}:${resource}`;
  const ownPlugins = [kafkaconnect(`custom-plugin/${OWN_PREFIX}*/*`)];
  const ownWorkerConfigurations = [kafkaconnect(`worker-configuration/${OWN_PREFIX}*/*`)];
  const resources: Record<string, string[] | undefined> = {
    any: ['*'],
    clusters: [new ArnPatterns(scope).mskClusters()],
    connectors: [kafkaconnect('connector/*/*')],
    ownPlugins,
    ownWorkerConfigurations,
    ownPluginsAndWorkerConfigurations: [...ownPlugins, ...ownWorkerConfigurations],
    serviceExecutionRoles: mskConnect?.serviceExecutionRoleArns,
    pluginObjects: mskConnect ? [`${mskConnect.pluginBucketArn}/*`] : undefined,
    connectServiceLinkedRole: [
      `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/kafkaconnect.amazonaws.com/AWSServiceRoleForKafkaConnect*`,
    ],
  };
  const mode = mskConnect ? 'msk-connect' : undefined;
  const grants: [IGrantable & IConstruct, CallTable][] = [
    [fns.connectors.ensureConnectorPlugins, ENSURE_CONNECTOR_PLUGINS_CALLS],
    [fns.connectors.describeConnectorPlugins, DESCRIBE_CONNECTOR_PLUGINS_CALLS],
    [fns.connectors.ensureConnectors, ENSURE_CONNECTORS_CALLS],
    [fns.connectors.describeConnectors, DESCRIBE_CONNECTORS_CALLS],
    [fns.connectors.removeConnectors, REMOVE_CONNECTORS_CALLS],
    [fns.planChanges, PLAN_CONNECTORS_CALLS],
    [fns.undoChanges, UNDO_CONNECTORS_CALLS],
    [fns.finishUnfinishedRuns, FINISH_RUNS_CONNECTORS_CALLS],
  ];
  for (const [fn, table] of grants) {
    grantCalls(scope, fn, table, resources, mode);
    // Each task's own role: the findings are acknowledged there, not stack-wide.
    if (mskConnect) acknowledgeConnectorFindings(fn.grantPrincipal as unknown as IConstruct, mskConnect);
  }
}

/** The wildcards of the MSK Connect grants, each with the reason it cannot be narrowed at deploy time. */
function acknowledgeConnectorFindings(scope: IConstruct, mskConnect: MskConnectConfig): void {
  const arn = (resource: string) => nagArn(scope, 'kafkaconnect', resource);
  const account = Token.isUnresolved(Stack.of(scope).account) ? '<AWS::AccountId>' : Stack.of(scope).account;
  acknowledge(scope, [
    {
      id: `AwsSolutions-IAM5[Resource::${arn('connector/*/*')}]`,
      reason:
        'Requests name their connectors at run time; MSK Connect appends a random id. Only this account and Region.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${arn(`custom-plugin/${OWN_PREFIX}*/*`)}]`,
      reason:
        'Only the custom plugins msk-flows creates (msk-flows-<connector>); MSK Connect appends a random id.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${arn(`worker-configuration/${OWN_PREFIX}*/*`)}]`,
      reason:
        'Only the worker configurations msk-flows creates (msk-flows-<connector>-<hash>); MSK Connect appends a random id.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${mskConnect.pluginBucketArn}/*]`,
      reason:
        'CreateCustomPlugin reads the plugin archive a request names, from the one configured plugin bucket.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${account}:role/aws-service-role/kafkaconnect.amazonaws.com/AWSServiceRoleForKafkaConnect*]`,
      reason:
        "MSK Connect's own service-linked role, created on the account's first connector; AWSServiceName-bound.",
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'MSK Connect List*/Create* calls, CloudWatch Logs log deliveries and EC2 Describe* support no resource-level ' +
        'permissions (Service Authorization Reference).',
    },
  ]);
}
