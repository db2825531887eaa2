import { Choice, Condition, JsonPath, type State, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import { requestAndJournal } from '../shared/payloads';
import type { TriggerFunctions } from './functions';
import { pollLoop } from './pollLoop';

/**
 * Lambda triggers (`triggers` in the request): the SCRAM secret copied into the consumer account when a
 * trigger lives there, the event source mappings created or updated, then Wait states until every
 * mapping is Enabled. Every failure goes to `onError`.
 */
export function triggers(
  scope: Construct,
  fns: TriggerFunctions,
  props: { next: State; onError: State },
): State {
  const catchInto = { resultPath: '$.error' };
  const copy = lambdaStep(scope, 'Copy Trigger Secret', fns.copyTriggerSecret, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);
  const ensure = lambdaStep(scope, 'Ensure Event Source Mappings', fns.ensureEventSourceMappings, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);
  const describe = lambdaStep(scope, 'Describe Event Source Mappings', fns.describeEventSourceMappings, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      triggers: JsonPath.objectAt('$.mappings'),
    }),
    resultPath: '$.mappings',
  }).addCatch(props.onError, catchInto);
  const enabledLoop = pollLoop(scope, {
    start: 'Start Trigger Poll',
    resultPath: '$.mappings',
    check: describe,
    done: { choice: 'Are Triggers Enabled?', condition: Condition.booleanEquals('$.mappings.enabled', true) },
    wait: 'Wait For Triggers',
    next: props.next,
  });
  copy.next(ensure).next(enabledLoop);
  return new Choice(scope, 'Has Triggers?')
    .when(Condition.isPresent('$.request.triggers[0]'), copy)
    .otherwise(props.next);
}
