import {
  Choice,
  Condition,
  JsonPath,
  Pass,
  Result,
  type State,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import type { OnboardingFunctions } from './functions';

/**
 * Verify Access: log in as the new principal and describe its granted topics. A new MSK secret can
 * take ~10 minutes to reach the brokers, so a "not yet" answer loops through a Wait state whose
 * interval the task grows; the task gives up with a typed error after its own attempt limit.
 */
export function verifyAccess(
  scope: Construct,
  fns: OnboardingFunctions,
  props: { next: State; onError: State },
) {
  const start = new Pass(scope, 'Start Verification', {
    result: Result.fromObject({ attempt: 0 }),
    resultPath: '$.verification',
  });
  const verify = lambdaStep(scope, 'Verify Access', fns.verifyAccess, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      verification: JsonPath.objectAt('$.verification'),
    }),
    resultPath: '$.verification',
  }).addCatch(props.onError, { resultPath: '$.error' });
  const wait = new Wait(scope, 'Wait For Access Propagation', {
    time: WaitTime.secondsPath('$.verification.waitSeconds'),
  });
  const verified = new Choice(scope, 'Is Access Verified?')
    .when(Condition.booleanEquals('$.verification.verified', true), props.next)
    .otherwise(wait);
  wait.next(verify);
  start.next(verify).next(verified);
  return start;
}
