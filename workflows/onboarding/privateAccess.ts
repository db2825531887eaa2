import { Duration } from 'aws-cdk-lib';
import { Choice, Condition, JsonPath, Pass, type State, TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { lambdaStep } from '../shared/lambdaStep';
import { requestAndJournal } from '../shared/payloads';
import type { PrivateAccessFunctions } from './functions';
import { pollLoop } from './pollLoop';

const executionName = JsonPath.stringAt('$$.Execution.Name');

/**
 * Private access (MSK, `privateLink` in the request): under the per-cluster lock (waited for with Wait
 * states) turn on multi-VPC SASL/SCRAM connectivity and follow its rolling update, merge the consumer
 * account's cluster policy statement, release the lock; then in the consumer account ensure the managed
 * VPC connection, wait for AVAILABLE, and report the bootstrap string. Every failure goes to `onError`.
 */
export function privateAccess(
  scope: Construct,
  fns: PrivateAccessFunctions,
  props: { next: State; onError: State },
): State {
  const catchInto = { resultPath: '$.error' };
  const step = (
    name: string,
    fn: keyof PrivateAccessFunctions,
    payload: TaskInput,
    resultPath: string,
    extra = {},
  ) =>
    lambdaStep(scope, name, fns[fn], {
      payload,
      resultPath,
      ...extra,
    }).addCatch(props.onError, catchInto);

  const acquire = step(
    'Acquire Cluster Lock',
    'acquireClusterLock',
    TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      journal: JsonPath.objectAt('$.journal'),
      lock: JsonPath.objectAt('$.lock'),
      executionName,
    }),
    '$.lock',
  );
  const holdLock = new Pass(scope, 'Hold Cluster Lock', {
    inputPath: '$.lock.journal',
    resultPath: '$.journal',
  });
  const enable = step(
    'Enable Multi-VPC Connectivity',
    'enableMultiVpcConnectivity',
    requestAndJournal,
    '$.journal',
    {
      // Someone else's update may still be rolling: give it up to an hour.
      interval: Duration.seconds(60),
      maxAttempts: 6,
    },
  );
  const describeUpdate = step(
    'Describe Connectivity Update',
    'describeConnectivityUpdate',
    TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      journal: JsonPath.objectAt('$.journal'),
      connectivity: JsonPath.objectAt('$.connectivity'),
    }),
    '$.connectivity',
  );
  const merge = step('Merge Cluster Policy', 'mergeClusterPolicy', requestAndJournal, '$.journal');
  const release = step(
    'Release Cluster Lock',
    'releaseClusterLock',
    TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      journal: JsonPath.objectAt('$.journal'),
      executionName,
    }),
    '$.journal',
  );
  const ensureConnection = step(
    'Ensure VPC Connection',
    'ensureVpcConnection',
    requestAndJournal,
    '$.journal',
  );
  const describeConnection = step(
    'Describe VPC Connection',
    'describeVpcConnection',
    TaskInput.fromObject({
      request: JsonPath.objectAt('$.request'),
      vpcConnection: JsonPath.objectAt('$.vpcConnection'),
    }),
    '$.vpcConnection',
  );
  const report = step('Report Consumer Bootstrap', 'reportConsumerBootstrap', requestAndJournal, '$.journal');

  const lockLoop = pollLoop(scope, {
    start: 'Start Cluster Lock Wait',
    resultPath: '$.lock',
    check: acquire,
    done: {
      choice: 'Is Cluster Lock Acquired?',
      condition: Condition.booleanEquals('$.lock.acquired', true),
    },
    wait: 'Wait For Cluster Lock',
    next: holdLock,
  });
  const updateLoop = pollLoop(scope, {
    start: 'Start Connectivity Poll',
    resultPath: '$.connectivity',
    check: describeUpdate,
    done: {
      choice: 'Is Connectivity Updated?',
      condition: Condition.booleanEquals('$.connectivity.done', true),
    },
    wait: 'Wait For Connectivity Update',
    next: merge,
  });
  const connectionLoop = pollLoop(scope, {
    start: 'Start VPC Connection Poll',
    resultPath: '$.vpcConnection',
    check: describeConnection,
    done: {
      choice: 'Is VPC Connection Available?',
      condition: Condition.booleanEquals('$.vpcConnection.available', true),
    },
    wait: 'Wait For VPC Connection',
    next: report,
  });
  holdLock.next(enable).next(updateLoop);
  merge.next(release).next(ensureConnection).next(connectionLoop);
  report.next(props.next);

  return new Choice(scope, 'Has Private Access?')
    .when(Condition.isPresent('$.request.privateLink'), lockLoop)
    .otherwise(props.next);
}
