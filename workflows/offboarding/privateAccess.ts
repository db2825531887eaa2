import { Choice, Condition, type State } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { PrivateAccessOffboardingFunctions } from '../onboarding/functions';
import { lambdaStep } from '../shared/lambdaStep';
import { requestAndJournal } from '../shared/payloads';

/**
 * Offboarding of triggers and private access, before the ACLs go: the mappings and the secret copy first
 * (nothing reads as the principal any more), then the VPC connection and the policy statement.
 */
export function offboardPrivateAccess(
  scope: Construct,
  fns: PrivateAccessOffboardingFunctions,
  props: { next: State },
): State {
  const removeTriggers = lambdaStep(scope, 'Remove Triggers', fns.removeTriggers, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const removeAccess = lambdaStep(scope, 'Remove Private Access', fns.removePrivateAccess, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  });
  const hasAccess = new Choice(scope, 'Has Private Access To Remove?')
    .when(Condition.isPresent('$.request.privateLink'), removeAccess.next(props.next))
    .otherwise(props.next);
  removeTriggers.next(hasAccess);
  return new Choice(scope, 'Has Triggers To Remove?')
    .when(Condition.isPresent('$.request.triggers[0]'), removeTriggers)
    .otherwise(hasAccess);
}
