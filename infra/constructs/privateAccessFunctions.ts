import type { Construct } from 'constructs';
import type {
  PrivateAccessFunctions,
  PrivateAccessOffboardingFunctions,
  TriggerFunctions,
} from '../../workflows/onboarding/functions';
import { TaskFunction, type TaskNetwork } from './taskFunction';

/**
 * One Lambda per private access and trigger task. Those that record in the ownership registry (a topic in
 * the cluster: Copy Trigger Secret, Ensure Event Source Mappings, Remove Triggers) run in the brokers' VPC (`network`); the
 * others talk to AWS only.
 */
export function privateAccessTaskFunctions(
  scope: Construct,
  environment: Record<string, string>,
  network?: TaskNetwork,
): PrivateAccessFunctions & TriggerFunctions & PrivateAccessOffboardingFunctions {
  const fn = (id: string, entry: string, description: string) =>
    new TaskFunction(scope, id, { entry: `tasks/${entry}`, description, environment });
  const registryFacing = (id: string, entry: string, description: string) =>
    new TaskFunction(scope, id, { entry: `tasks/${entry}`, description, environment, network });
  const access = 'onboarding/privateAccess';
  const triggers = 'onboarding/triggers';
  return {
    acquireClusterLock: fn(
      'AcquireClusterLock',
      `${access}/acquireClusterLock.ts`,
      'Take the per-cluster lock',
    ),
    enableMultiVpcConnectivity: fn(
      'EnableMultiVpcConnectivity',
      `${access}/enableMultiVpcConnectivity.ts`,
      'Turn on multi-VPC SASL/SCRAM connectivity',
    ),
    describeConnectivityUpdate: fn(
      'DescribeConnectivityUpdate',
      `${access}/describeConnectivityUpdate.ts`,
      'Follow the connectivity update',
    ),
    mergeClusterPolicy: fn(
      'MergeClusterPolicy',
      `${access}/mergeClusterPolicy.ts`,
      "Merge the consumer account's policy statement",
    ),
    releaseClusterLock: fn(
      'ReleaseClusterLock',
      `${access}/releaseClusterLock.ts`,
      'Release the per-cluster lock',
    ),
    ensureVpcConnection: fn(
      'EnsureVpcConnection',
      `${access}/ensureVpcConnection.ts`,
      "Create the consumer's managed VPC connection",
    ),
    describeVpcConnection: fn(
      'DescribeVpcConnection',
      `${access}/describeVpcConnection.ts`,
      'Poll the managed VPC connection',
    ),
    reportConsumerBootstrap: fn(
      'ReportConsumerBootstrap',
      `${access}/reportConsumerBootstrap.ts`,
      'Report the multi-VPC bootstrap string',
    ),
    copyTriggerSecret: registryFacing(
      'CopyTriggerSecret',
      `${triggers}/copyTriggerSecret.ts`,
      'Copy the SCRAM secret into the consumer account',
    ),
    ensureEventSourceMappings: registryFacing(
      'EnsureEventSourceMappings',
      `${triggers}/ensureEventSourceMappings.ts`,
      'Create or update Kafka triggers',
    ),
    describeEventSourceMappings: fn(
      'DescribeEventSourceMappings',
      `${triggers}/describeEventSourceMappings.ts`,
      'Poll the Kafka triggers',
    ),
    removeTriggers: registryFacing(
      'RemoveTriggers',
      'offboarding/removeTriggers.ts',
      "Remove a principal's triggers and secret copy",
    ),
    removePrivateAccess: fn(
      'RemovePrivateAccess',
      'offboarding/removePrivateAccess.ts',
      "Remove a consumer's private access",
    ),
  };
}
