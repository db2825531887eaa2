import {
  Choice,
  Condition,
  type IChainable,
  JsonPath,
  Pass,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import { journalStart, requestAndJournal } from '../shared/payloads';
import { compensation } from './compensation';
import { connectors } from './connectors';
import { ensureCredentials } from './credentials';
import type { OnboardingFunctions } from './functions';
import { privateAccess } from './privateAccess';
import { triggers } from './triggers';
import { verifyAccess } from './verifyAccess';

export type { OnboardingFunctions } from './functions';

/**
 * The onboarding state machine: Validate Request → Plan Changes → (dry run stops here) → Ensure
 * Credentials → Ensure Topics → Grant ACLs → Verify Access → (private access, triggers) → Commit Run →
 * Succeed; any failure after the plan undoes this run (its ledger and its records in the ownership
 * registry) and fails with the original error, or with CompensationIncompleteError when undo could not finish.
 */
export function onboardingDefinition(scope: Construct, fns: OnboardingFunctions): IChainable {
  const onError = compensation(scope, fns).start;

  const validate = lambdaStep(scope, 'Validate Request', fns.validateRequest, {
    resultPath: '$',
  });
  const plan = lambdaStep(scope, 'Plan Changes', fns.planChanges, {
    payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
    resultPath: '$.plan',
  });
  const reportDryRun = new Pass(scope, 'Report Dry Run', {
    parameters: {
      status: 'SUCCEEDED',
      dryRun: true,
      requestId: JsonPath.stringAt('$.request.requestId'),
      changes: JsonPath.listAt('$.plan.changes'),
    },
  }).next(new Succeed(scope, 'Dry Run Complete'));

  const report = new Pass(scope, 'Report Changes', {
    parameters: {
      status: 'SUCCEEDED',
      dryRun: false,
      requestId: JsonPath.stringAt('$.request.requestId'),
      changes: JsonPath.listAt('$.journal.changes'),
    },
  });
  report.next(new Succeed(scope, 'Onboarding Complete'));

  // The run succeeded: its run record in the ownership registry becomes `owned` (never undone later).
  const commit = lambdaStep(scope, 'Commit Run', fns.commitRun, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(onError, { resultPath: '$.error' });
  commit.next(report);

  // Private access and triggers (optional sections) come once the principal's access is verified.
  const lambdaTriggers = triggers(scope, fns, { next: commit, onError });
  const consumerAccess = privateAccess(scope, fns, { next: lambdaTriggers, onError });
  // Connectors run as the principal: after its ACLs are granted and its access verified.
  const connectorSteps = connectors(scope, fns, { next: consumerAccess, onError });
  const verify = verifyAccess(scope, fns, { next: connectorSteps, onError });
  const grantAcls = lambdaStep(scope, 'Grant ACLs', fns.grantAcls, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(onError, { resultPath: '$.error' });
  const ensureTopics = lambdaStep(scope, 'Ensure Topics', fns.ensureTopics, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(onError, { resultPath: '$.error' });
  ensureTopics.next(grantAcls).next(verify);

  const startJournal = new Pass(scope, 'Start Journal', {
    parameters: journalStart,
    resultPath: '$.journal',
  });
  startJournal.next(ensureCredentials(scope, fns, { next: ensureTopics, onError }));

  const isDryRun = new Choice(scope, 'Is Dry Run?')
    .when(
      Condition.and(
        Condition.isPresent('$.request.dryRun'),
        Condition.booleanEquals('$.request.dryRun', true),
      ),
      reportDryRun,
    )
    .otherwise(startJournal);

  return validate.next(plan).next(isDryRun);
}
