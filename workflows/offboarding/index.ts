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
import type { OffboardingFunctions } from '../onboarding/functions';
import { lambdaStep } from '../shared/lambdaStep';
import { journalStart, requestAndJournal } from '../shared/payloads';
import { offboardPrivateAccess } from './privateAccess';

/**
 * The offboarding state machine: Validate Request → Check Principal Is Not Reserved → Plan Changes (refuses
 * foreign things) → Finish Unfinished Runs → (private access) → (connectors) → Revoke ACLs → Remove
 * Credentials → (only with `deleteTopics: true`) Delete Topics → Succeed. Each step is idempotent, so a
 * failed run is simply started again; nothing is compensated because removing access is the goal.
 */
export function offboardingDefinition(scope: Construct, fns: OffboardingFunctions): IChainable {
  const validate = lambdaStep(scope, 'Validate Request', fns.validateRequest, {
    resultPath: '$',
  });
  // The admin, a super user or a reserved principal is refused here, before any step removes anything.
  const checkPrincipal = lambdaStep(scope, 'Check Principal Is Not Reserved', fns.checkPrincipal, {
    payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
    resultPath: '$.principalCheck',
  });
  const startJournal = new Pass(scope, 'Start Journal', {
    parameters: journalStart,
    resultPath: '$.journal',
  });
  // Refuses, before anything is removed, to delete what the principal does not own (foreign or another's).
  const plan = lambdaStep(scope, 'Plan Changes', fns.planOffboarding, {
    payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
    resultPath: '$.plan',
  });
  // Onboarding runs of this principal that crashed or could not finish their undo are undone first.
  const finishRuns = lambdaStep(scope, 'Finish Unfinished Runs', fns.finishUnfinishedRuns, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const revoke = lambdaStep(scope, 'Revoke ACLs', fns.revokeAcls, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const removeCredentials = lambdaStep(scope, 'Remove Credentials', fns.removeCredentials, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const deleteTopics = lambdaStep(scope, 'Delete Topics', fns.deleteTopics, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  // Connectors first: they stop using the principal before its access goes.
  const removeConnectors = lambdaStep(scope, 'Remove Connectors', fns.removeConnectors, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const hasConnectors = new Choice(scope, 'Has Connectors To Remove?')
    .when(Condition.isPresent('$.request.connectors[0]'), removeConnectors)
    .otherwise(revoke);
  removeConnectors.next(revoke);
  const report = new Pass(scope, 'Report Changes', {
    parameters: {
      status: 'SUCCEEDED',
      requestId: JsonPath.stringAt('$.request.requestId'),
      changes: JsonPath.listAt('$.journal.changes'),
    },
  }).next(new Succeed(scope, 'Offboarding Complete'));
  const wantsTopicsDeleted = new Choice(scope, 'Delete Topics Too?')
    .when(
      Condition.and(
        Condition.isPresent('$.request.deleteTopics'),
        Condition.booleanEquals('$.request.deleteTopics', true),
      ),
      deleteTopics.next(report),
    )
    .otherwise(report);
  revoke.next(removeCredentials).next(wantsTopicsDeleted);
  return validate
    .next(checkPrincipal)
    .next(startJournal)
    .next(plan)
    .next(finishRuns)
    .next(offboardPrivateAccess(scope, fns, { next: hasConnectors }));
}
