import { Duration } from 'aws-cdk-lib';
import {
  Choice,
  Condition,
  Fail,
  type IChainable,
  JsonPath,
  Pass,
  Succeed,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import type { ReplayFunctions } from './functions';

export type { ReplayFunctions } from './functions';

/**
 * The DLQ replay state machine: Validate Request → (dry run: Survey Queue, done) → Acquire Replay Lock
 * (a second run on the same queue ends here with ReplayAlreadyRunning) → Replay Batch rounds, with a
 * computed Wait between them that keeps the rate (never a sleeping Lambda) → Release Replay Lock → report.
 * A round that fails leaves its unacknowledged messages visible; after its retries the lock is released
 * and the execution fails with the round's error.
 */
export function replayDefinition(scope: Construct, fns: ReplayFunctions): IChainable {
  const validate = lambdaStep(scope, 'Validate Request', fns.validateRequest, { resultPath: '$' });

  const survey = lambdaStep(scope, 'Survey Queue', fns.surveyQueue, {
    payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
    resultPath: '$',
  }).next(new Succeed(scope, 'Dry Run Complete'));

  const acquire = lambdaStep(scope, 'Acquire Replay Lock', fns.acquireLock, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      execution: JsonPath.stringAt('$$.Execution.Name'),
    }),
    resultPath: '$.lock',
  });

  const refused = new Pass(scope, 'Describe Lock Holder', {
    parameters: {
      cause: JsonPath.format(
        'replay {} (execution {}) holds the lock of this queue until {} (epoch ms); this run changed nothing',
        JsonPath.stringAt('$.lock.holder.replayId'),
        JsonPath.stringAt('$.lock.holder.execution'),
        JsonPath.stringAt('States.JsonToString($.lock.holder.expiresAt)'),
      ),
    },
    resultPath: '$.refusal',
  }).next(
    new Fail(scope, 'Replay Already Running', {
      error: 'ReplayAlreadyRunning',
      causePath: JsonPath.stringAt('$.refusal.cause'),
    }),
  );

  const failed = new Fail(scope, 'Replay Failed', {
    errorPath: JsonPath.stringAt('$.error.Error'),
    causePath: JsonPath.stringAt('$.error.Cause'),
  });
  const releaseAfterFailure = lambdaStep(scope, 'Release Lock After Failure', fns.releaseLock, {
    payload: TaskInput.fromObject({ lock: JsonPath.objectAt('$.lock') }),
    resultPath: '$.release',
  });
  // The lock expires by itself: a failed release must not hide the round's error.
  releaseAfterFailure.addCatch(failed, { resultPath: '$.releaseError' });
  releaseAfterFailure.next(failed);

  const startProgress = new Pass(scope, 'Start Progress', {
    parameters: {
      startedAt: JsonPath.numberAt('$.lock.acquiredAt'),
      deadline: JsonPath.numberAt('$.lock.deadline'),
      rounds: 0,
      received: 0,
      replayed: 0,
      parked: 0,
      skipped: 0,
      oldestFailedAt: null,
      done: false,
      waitSeconds: 0,
    },
    resultPath: '$.progress',
  });

  const batch = lambdaStep(scope, 'Replay Batch', fns.replayBatch, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      progress: JsonPath.objectAt('$.progress'),
    }),
    resultPath: '$.progress',
    maxAttempts: 3,
    interval: Duration.seconds(5),
  }).addCatch(releaseAfterFailure, { resultPath: '$.error' });

  const wait = new Wait(scope, 'Wait Between Batches', {
    time: WaitTime.secondsPath('$.progress.waitSeconds'),
  }).next(batch);

  // The last round wrote the summary (a task, not JSONPath, so a null oldestFailedAt needs no special case).
  const report = new Pass(scope, 'Report Replay', {
    outputPath: '$.progress.summary',
  }).next(new Succeed(scope, 'Replay Complete'));

  const release = lambdaStep(scope, 'Release Replay Lock', fns.releaseLock, {
    payload: TaskInput.fromObject({ lock: JsonPath.objectAt('$.lock') }),
    resultPath: '$.release',
  }).next(report);

  const more = new Choice(scope, 'Replay Done?')
    .when(Condition.booleanEquals('$.progress.done', true), release)
    .when(Condition.numberGreaterThan('$.progress.waitSeconds', 0), wait)
    .otherwise(batch);
  batch.next(more);

  const locked = new Choice(scope, 'Lock Acquired?')
    .when(Condition.booleanEquals('$.lock.acquired', true), startProgress.next(batch))
    .otherwise(refused);

  const isDryRun = new Choice(scope, 'Is Dry Run?')
    .when(Condition.booleanEquals('$.request.dryRun', true), survey)
    .otherwise(acquire.next(locked));

  return validate.next(isDryRun);
}
