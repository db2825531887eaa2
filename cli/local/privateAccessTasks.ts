import { createRemovePrivateAccessHandler } from '../../tasks/offboarding/removePrivateAccess';
import { createRemoveTriggersHandler } from '../../tasks/offboarding/removeTriggers';
import type { ObservabilityTarget } from '../../tasks/onboarding/observability';
import { createAcquireClusterLockHandler } from '../../tasks/onboarding/privateAccess/acquireClusterLock';
import { createDescribeConnectivityUpdateHandler } from '../../tasks/onboarding/privateAccess/describeConnectivityUpdate';
import { createDescribeVpcConnectionHandler } from '../../tasks/onboarding/privateAccess/describeVpcConnection';
import { createEnableMultiVpcConnectivityHandler } from '../../tasks/onboarding/privateAccess/enableMultiVpcConnectivity';
import { createEnsureVpcConnectionHandler } from '../../tasks/onboarding/privateAccess/ensureVpcConnection';
import { createMergeClusterPolicyHandler } from '../../tasks/onboarding/privateAccess/mergeClusterPolicy';
import { createReleaseClusterLockHandler } from '../../tasks/onboarding/privateAccess/releaseClusterLock';
import { createReportConsumerBootstrapHandler } from '../../tasks/onboarding/privateAccess/reportConsumerBootstrap';
import type { PrivateAccessDeps } from '../../tasks/onboarding/privateAccess/types';
import type { RegistryAccess } from '../../tasks/onboarding/registry/access';
import { createCopyTriggerSecretHandler } from '../../tasks/onboarding/triggers/copyTriggerSecret';
import { createDescribeEventSourceMappingsHandler } from '../../tasks/onboarding/triggers/describeEventSourceMappings';
import { createEnsureEventSourceMappingsHandler } from '../../tasks/onboarding/triggers/ensureEventSourceMappings';
import type { LocalTaskHandler } from '../../workflows/local';
import type {
  PrivateAccessFunctions,
  PrivateAccessOffboardingFunctions,
  TriggerFunctions,
} from '../../workflows/onboarding/functions';

type Keys = keyof PrivateAccessFunctions | keyof TriggerFunctions | keyof PrivateAccessOffboardingFunctions;

/**
 * The private access and trigger handlers (what Lambda runs) over `deps`, one per task function; the steps
 * that record in the ownership registry (the trigger steps, and Enable Multi-VPC Connectivity, Merge Cluster
 * Policy, Ensure VPC Connection, Remove Private Access for the shared uses) reach it through `registry`
 * (none: they keep the ledger only).
 */
export function privateAccessTasks(
  deps: PrivateAccessDeps,
  target: ObservabilityTarget,
  registry?: RegistryAccess,
): Record<Keys, LocalTaskHandler> {
  const triggers = { ...deps, registry };
  return {
    acquireClusterLock: createAcquireClusterLockHandler(deps, target),
    enableMultiVpcConnectivity: createEnableMultiVpcConnectivityHandler(triggers, target),
    describeConnectivityUpdate: createDescribeConnectivityUpdateHandler(deps, target),
    mergeClusterPolicy: createMergeClusterPolicyHandler(triggers, target),
    releaseClusterLock: createReleaseClusterLockHandler(deps, target),
    ensureVpcConnection: createEnsureVpcConnectionHandler(triggers, target),
    describeVpcConnection: createDescribeVpcConnectionHandler(deps, target),
    reportConsumerBootstrap: createReportConsumerBootstrapHandler(deps, target),
    copyTriggerSecret: createCopyTriggerSecretHandler(triggers, target),
    ensureEventSourceMappings: createEnsureEventSourceMappingsHandler(triggers, target),
    describeEventSourceMappings: createDescribeEventSourceMappingsHandler(deps, target),
    removeTriggers: createRemoveTriggersHandler(triggers, target),
    removePrivateAccess: createRemovePrivateAccessHandler(triggers, target),
  };
}
