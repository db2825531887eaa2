import { Fail, JsonPath, Pass, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import type { OnboardingFunctions } from './functions';

/**
 * What every failure after the journal starts runs into: undo the ledger in reverse (only what this
 * execution created), then fail with the ORIGINAL error and cause (kept under `$.error` by each Catch).
 */
export function compensation(scope: Construct, fns: Pick<OnboardingFunctions, 'undoChanges'>) {
  const failed = new Fail(scope, 'Onboarding Failed', {
    errorPath: JsonPath.stringAt('$.error.Error'),
    causePath: JsonPath.stringAt('$.error.Cause'),
  });
  const undo = lambdaStep(scope, 'Undo Changes', fns.undoChanges, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      ledger: JsonPath.listAt('$.journal.ledger'),
    }),
    resultPath: '$.undo',
    maxAttempts: 8,
  });
  // If undoing itself fails, keep the original error as the execution's error; the undo error is kept
  // beside it so an operator sees both (the ledger in the state says what is left).
  const undoFailed = new Pass(scope, 'Record Undo Failure', { resultPath: JsonPath.DISCARD });
  undo.addCatch(undoFailed, { resultPath: '$.undoError' });
  undo.next(failed);
  undoFailed.next(failed);
  return { start: undo };
}
