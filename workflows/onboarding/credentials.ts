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
import { requestAndJournal } from '../shared/payloads';
import type { OnboardingFunctions } from './functions';

/**
 * Ensure Credentials: on MSK a KMS-encrypted `AmazonMSK_` secret associated to the cluster once it is
 * ACTIVE (polled with Wait states, never a sleeping Lambda); on self-managed Kafka a SCRAM-SHA-512 user.
 * Every state routes failures to `onError`; both paths continue with `next`.
 */
export function ensureCredentials(
  scope: Construct,
  fns: OnboardingFunctions,
  props: { next: State; onError: State },
): State {
  const catchInto = { resultPath: '$.error' };

  const createSecret = lambdaStep(scope, 'Ensure Scram Secret', fns.ensureScramSecret, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      journal: JsonPath.objectAt('$.journal'),
      // Tags the secret, so a Lambda retry recognises (and journals) the secret its first attempt made.
      executionName: JsonPath.stringAt('$$.Execution.Name'),
    }),
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);

  const startPoll = new Pass(scope, 'Start Cluster Poll', {
    result: Result.fromObject({ attempt: 0 }),
    resultPath: '$.cluster',
  });
  const describe = lambdaStep(scope, 'Describe Cluster', fns.describeCluster, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      cluster: JsonPath.objectAt('$.cluster'),
    }),
    resultPath: '$.cluster',
  }).addCatch(props.onError, catchInto);
  const waitForActive = new Wait(scope, 'Wait For Cluster Active', {
    time: WaitTime.secondsPath('$.cluster.waitSeconds'),
  });
  const associate = lambdaStep(scope, 'Associate Scram Secret', fns.associateScramSecret, {
    payload: requestAndJournal,
    resultPath: '$.journal',
    // A just-created secret can be invisible to MSK for a while (InvalidSecretArn): give it minutes.
    maxAttempts: 8,
  }).addCatch(props.onError, catchInto);
  const isActive = new Choice(scope, 'Is Cluster Active?')
    .when(Condition.booleanEquals('$.cluster.active', true), associate)
    .otherwise(waitForActive);
  waitForActive.next(describe);
  createSecret.next(startPoll).next(describe).next(isActive);
  associate.next(props.next);

  const upsertUser = lambdaStep(scope, 'Upsert Scram User', fns.upsertScramUser, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);
  upsertUser.next(props.next);

  return new Choice(scope, 'Which Kind Of Cluster?')
    .when(Condition.stringEquals('$.request.cluster.kind', 'msk'), createSecret)
    .otherwise(upsertUser);
}
