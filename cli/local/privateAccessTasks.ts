import { removePrivateAccess } from '../../tasks/offboarding/removePrivateAccess';
import { removeTriggers } from '../../tasks/offboarding/removeTriggers';
import { acquireClusterLock } from '../../tasks/onboarding/privateAccess/acquireClusterLock';
import { describeConnectivityUpdate } from '../../tasks/onboarding/privateAccess/describeConnectivityUpdate';
import { describeVpcConnection } from '../../tasks/onboarding/privateAccess/describeVpcConnection';
import { enableMultiVpcConnectivity } from '../../tasks/onboarding/privateAccess/enableMultiVpcConnectivity';
import { ensureVpcConnection } from '../../tasks/onboarding/privateAccess/ensureVpcConnection';
import { mergeClusterPolicy } from '../../tasks/onboarding/privateAccess/mergeClusterPolicy';
import { releaseClusterLock } from '../../tasks/onboarding/privateAccess/releaseClusterLock';
import { reportConsumerBootstrap } from '../../tasks/onboarding/privateAccess/reportConsumerBootstrap';
import type { PrivateAccessDeps } from '../../tasks/onboarding/privateAccess/types';
import { copyTriggerSecret } from '../../tasks/onboarding/triggers/copyTriggerSecret';
import { describeEventSourceMappings } from '../../tasks/onboarding/triggers/describeEventSourceMappings';
import { ensureEventSourceMappings } from '../../tasks/onboarding/triggers/ensureEventSourceMappings';
import type { LocalTaskHandler } from '../../workflows/local';
import type {
  PrivateAccessFunctions,
  PrivateAccessOffboardingFunctions,
  TriggerFunctions,
} from '../../workflows/onboarding/functions';

type Keys = keyof PrivateAccessFunctions | keyof TriggerFunctions | keyof PrivateAccessOffboardingFunctions;

/** The private access and trigger cores bound to `deps`, one per task function. */
export function privateAccessTasks(deps: PrivateAccessDeps): Record<Keys, LocalTaskHandler> {
  return {
    acquireClusterLock: (input) => acquireClusterLock(input, deps),
    enableMultiVpcConnectivity: (input) => enableMultiVpcConnectivity(input, deps),
    describeConnectivityUpdate: (input) => describeConnectivityUpdate(input, deps),
    mergeClusterPolicy: (input) => mergeClusterPolicy(input, deps),
    releaseClusterLock: (input) => releaseClusterLock(input, deps),
    ensureVpcConnection: (input) => ensureVpcConnection(input, deps),
    describeVpcConnection: (input) => describeVpcConnection(input, deps),
    reportConsumerBootstrap: (input) => reportConsumerBootstrap(input, deps),
    copyTriggerSecret: (input) => copyTriggerSecret(input, deps),
    ensureEventSourceMappings: (input) => ensureEventSourceMappings(input, deps),
    describeEventSourceMappings: (input) => describeEventSourceMappings(input, deps),
    removeTriggers: (input) => removeTriggers(input, deps),
    removePrivateAccess: (input) => removePrivateAccess(input, deps),
  };
}
