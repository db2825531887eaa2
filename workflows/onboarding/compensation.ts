import { Choice, Condition, Fail, JsonPath, Pass, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import type { OnboardingFunctions } from './functions';

/**
 * What every failure after the journal starts runs into: undo this run (its ledger and what the ownership
 * registry shows it holding, in reverse), then fail with the ORIGINAL error and cause (kept under
 * `$.error` by each Catch). When undo cannot finish, the execution fails as "Compensation Incomplete"
 * with CompensationIncompleteError and the exact leftovers instead: never reported as changes.
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
      journal: JsonPath.objectAt('$.journal'),
    }),
    resultPath: '$.undo',
    maxAttempts: 8,
  });
  const incomplete = new Fail(scope, 'Compensation Incomplete', {
    errorPath: JsonPath.stringAt('$.compensation.Error'),
    causePath: JsonPath.stringAt('$.compensation.Cause'),
  });
  // Undo named its leftovers (CompensationIncompleteError): that message is the cause.
  const named = new Pass(scope, 'Report Leftovers', {
    parameters: {
      Error: 'CompensationIncompleteError',
      Cause: JsonPath.format(
        'onboarding failed with {}; {}',
        JsonPath.stringAt('$.error.Error'),
        JsonPath.stringAt('$.undoError.Cause'),
      ),
    },
    resultPath: '$.compensation',
  }).next(incomplete);
  // Undo itself could not run (the cluster stayed unreachable through every retry): the ledger is the list.
  const unreached = new Pass(scope, 'Report Unreached Undo', {
    parameters: {
      Error: 'CompensationIncompleteError',
      Cause: JsonPath.format(
        'onboarding failed with {}; compensation incomplete: undo failed with {} ({}); left behind, as journaled: {}; the ownership registry keeps what this run holds: rerun the request, offboard it, or run msk-flows reconcile',
        JsonPath.stringAt('$.error.Error'),
        JsonPath.stringAt('$.undoError.Error'),
        JsonPath.stringAt('$.undoError.Cause'),
        JsonPath.jsonToString(JsonPath.objectAt('$.journal.ledger')),
      ),
    },
    resultPath: '$.compensation',
  }).next(incomplete);
  const whichFailure = new Choice(scope, 'Record Undo Failure')
    .when(Condition.stringEquals('$.undoError.Error', 'CompensationIncompleteError'), named)
    .otherwise(unreached);
  undo.addCatch(whichFailure, { resultPath: '$.undoError' });
  undo.next(failed);
  return { start: undo };
}
