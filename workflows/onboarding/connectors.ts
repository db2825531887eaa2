import { Choice, Condition, JsonPath, type State, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import { requestAndJournal } from '../shared/payloads';
import type { ConnectorFunctions } from './functions';
import { pollLoop } from './pollLoop';

/**
 * Connectors (`connectors` in the request), once the principal's ACLs exist and its access is verified:
 * MSK Connect custom plugins and worker configurations, Wait states until the plugins are ACTIVE, the
 * connectors themselves, then Wait states until every connector (and task) is RUNNING. Every failure
 * goes to `onError`, whose Undo Changes deletes what this execution created.
 */
export function connectors(
  scope: Construct,
  fns: ConnectorFunctions,
  props: { next: State; onError: State },
): State {
  const catchInto = { resultPath: '$.error' };
  const ensurePlugins = lambdaStep(scope, 'Ensure Connector Plugins', fns.ensureConnectorPlugins, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);
  const describePlugins = lambdaStep(scope, 'Describe Connector Plugins', fns.describeConnectorPlugins, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      plugins: JsonPath.objectAt('$.connectorPlugins'),
    }),
    resultPath: '$.connectorPlugins',
  }).addCatch(props.onError, catchInto);
  const ensure = lambdaStep(scope, 'Ensure Connectors', fns.ensureConnectors, {
    payload: requestAndJournal,
    resultPath: '$.journal',
  }).addCatch(props.onError, catchInto);
  const describe = lambdaStep(scope, 'Describe Connectors', fns.describeConnectors, {
    payload: TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      connectors: JsonPath.objectAt('$.connectors'),
    }),
    resultPath: '$.connectors',
  }).addCatch(props.onError, catchInto);
  const runningLoop = pollLoop(scope, {
    start: 'Start Connector Poll',
    resultPath: '$.connectors',
    check: describe,
    done: {
      choice: 'Are Connectors Running?',
      condition: Condition.booleanEquals('$.connectors.running', true),
    },
    wait: 'Wait For Connectors',
    next: props.next,
  });
  ensure.next(runningLoop);
  const pluginLoop = pollLoop(scope, {
    start: 'Start Connector Plugin Poll',
    resultPath: '$.connectorPlugins',
    check: describePlugins,
    done: {
      choice: 'Are Connector Plugins Active?',
      condition: Condition.booleanEquals('$.connectorPlugins.active', true),
    },
    wait: 'Wait For Connector Plugins',
    next: ensure,
  });
  ensurePlugins.next(pluginLoop);
  return new Choice(scope, 'Has Connectors?')
    .when(Condition.isPresent('$.request.connectors[0]'), ensurePlugins)
    .otherwise(props.next);
}
