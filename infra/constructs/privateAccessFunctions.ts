import type { Construct } from 'constructs';
import type {
  PrivateAccessFunctions,
  PrivateAccessOffboardingFunctions,
  TriggerFunctions,
} from '../../workflows/onboarding/functions';
import { WORKFLOW_TASKS, type WorkflowTaskKey } from '../../workflows/taskRegistry';
import { TaskFunction, type TaskNetwork } from './taskFunction';

/**
 * One Lambda per private access and trigger task. Those that record in the ownership registry (a topic in
 * the cluster: Enable Multi-VPC Connectivity, Merge Cluster Policy, Ensure VPC Connection, Remove Private
 * Access, Copy Trigger Secret, Ensure Event Source Mappings, Remove Triggers) run in the brokers' VPC
 * (`network`); the others talk to AWS only.
 */
export function privateAccessTaskFunctions(
  scope: Construct,
  environment: Record<string, string>,
  network?: TaskNetwork,
): PrivateAccessFunctions & TriggerFunctions & PrivateAccessOffboardingFunctions {
  const fn = (id: string, task: WorkflowTaskKey, description: string) =>
    new TaskFunction(scope, id, { entry: WORKFLOW_TASKS[task].entry, description, environment });
  const registryFacing = (id: string, task: WorkflowTaskKey, description: string) =>
    new TaskFunction(scope, id, { entry: WORKFLOW_TASKS[task].entry, description, environment, network });
  return {
    acquireClusterLock: fn('AcquireClusterLock', 'acquireClusterLock', 'Take the per-cluster lock'),
    enableMultiVpcConnectivity: registryFacing(
      'EnableMultiVpcConnectivity',
      'enableMultiVpcConnectivity',
      'Turn on multi-VPC SASL/SCRAM connectivity',
    ),
    describeConnectivityUpdate: fn(
      'DescribeConnectivityUpdate',
      'describeConnectivityUpdate',
      'Follow the connectivity update',
    ),
    mergeClusterPolicy: registryFacing(
      'MergeClusterPolicy',
      'mergeClusterPolicy',
      "Merge the consumer account's policy statement",
    ),
    releaseClusterLock: fn('ReleaseClusterLock', 'releaseClusterLock', 'Release the per-cluster lock'),
    ensureVpcConnection: registryFacing(
      'EnsureVpcConnection',
      'ensureVpcConnection',
      "Create the consumer's managed VPC connection",
    ),
    describeVpcConnection: fn(
      'DescribeVpcConnection',
      'describeVpcConnection',
      'Poll the managed VPC connection',
    ),
    reportConsumerBootstrap: fn(
      'ReportConsumerBootstrap',
      'reportConsumerBootstrap',
      'Report the multi-VPC bootstrap string',
    ),
    copyTriggerSecret: registryFacing(
      'CopyTriggerSecret',
      'copyTriggerSecret',
      'Copy the SCRAM secret into the consumer account',
    ),
    ensureEventSourceMappings: registryFacing(
      'EnsureEventSourceMappings',
      'ensureEventSourceMappings',
      'Create or update Kafka triggers',
    ),
    describeEventSourceMappings: fn(
      'DescribeEventSourceMappings',
      'describeEventSourceMappings',
      'Poll the Kafka triggers',
    ),
    removeTriggers: registryFacing(
      'RemoveTriggers',
      'removeTriggers',
      "Remove a principal's triggers and secret copy",
    ),
    removePrivateAccess: registryFacing(
      'RemovePrivateAccess',
      'removePrivateAccess',
      "Remove a consumer's private access",
    ),
  };
}
