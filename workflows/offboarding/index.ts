import {
  Choice,
  Condition,
  type IChainable,
  JsonPath,
  Pass,
  Result,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { OffboardingFunctions } from '../onboarding/functions';
import { AWS_RETRIABLE_ERRORS, KAFKA_RETRIABLE_ERRORS } from '../onboarding/retriable';
import { lambdaStep } from '../shared/lambdaStep';
import { requestAndJournal } from '../shared/payloads';
import { offboardPrivateAccess } from './privateAccess';

/**
 * The offboarding state machine: Validate Request → Check Principal Is Not Reserved → Revoke ACLs → Remove Credentials → (only with
 * `deleteTopics: true`) Delete Topics → Succeed. Each step is idempotent, so a failed run is simply
 * started again; nothing is compensated because removing access is the goal.
 */
export function offboardingDefinition(scope: Construct, fns: OffboardingFunctions): IChainable {
  const retriable = [...KAFKA_RETRIABLE_ERRORS, ...AWS_RETRIABLE_ERRORS];
  const validate = lambdaStep(scope, 'Validate Request', fns.validateRequest, {
    resultPath: '$',
  });
  // The admin, a super user or a reserved principal is refused here, before any step removes anything.
  const checkPrincipal = lambdaStep(scope, 'Check Principal Is Not Reserved', fns.checkPrincipal, {
    payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
    resultPath: '$.principalCheck',
    retriable,
  });
  const startJournal = new Pass(scope, 'Start Journal', {
    result: Result.fromObject({ ledger: [], changes: [] }),
    resultPath: '$.journal',
  });
  const revoke = lambdaStep(scope, 'Revoke ACLs', fns.revokeAcls, {
    payload: requestAndJournal,
    resultPath: '$.journal',
    retriable,
  });
  const removeCredentials = lambdaStep(scope, 'Remove Credentials', fns.removeCredentials, {
    payload: requestAndJournal,
    resultPath: '$.journal',
    retriable,
  });
  const deleteTopics = lambdaStep(scope, 'Delete Topics', fns.deleteTopics, {
    payload: requestAndJournal,
    resultPath: '$.journal',
    retriable,
  });
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
    .next(offboardPrivateAccess(scope, fns, { next: revoke }));
}
