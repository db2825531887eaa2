import { Duration } from 'aws-cdk-lib';
import { type IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { JitterType, type TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export interface LambdaStepProps {
  /** The state's input to the function; omitted, the function gets the whole state. */
  payload?: TaskInput;
  /** Where the function's result goes in the state (one named key, e.g. `$.journal`). */
  resultPath: string;
  /** Error names (the thrown JS error's `name`) that are safe to retry with backoff. Never a bug. */
  retriable?: readonly string[];
  /** Attempts for the retriable errors; default 5. */
  maxAttempts?: number;
  /** First retry interval; default 2 s, doubled each attempt. */
  interval?: Duration;
  comment?: string;
}

/** How long a Task waits beyond its function's own timeout (invocation and queueing overhead). */
const TASK_TIMEOUT_MARGIN = Duration.seconds(30);
/** The Task timeout when the function's own timeout is not known here (an imported function). */
const DEFAULT_TASK_TIMEOUT = Duration.minutes(5);

/**
 * The Task's TimeoutSeconds: its function's timeout plus a margin, so a hung invocation fails the state
 * (States.Timeout, caught like any other error) instead of holding the execution for a year.
 */
export function taskTimeoutOf(fn: IFunction): Duration {
  const own = fn instanceof LambdaFunction ? fn.timeout : undefined;
  return own ? own.plus(TASK_TIMEOUT_MARGIN) : DEFAULT_TASK_TIMEOUT;
}

/**
 * A Task state that invokes one of our task Lambdas and returns its payload only. CDK's LambdaInvoke
 * already retries Lambda service faults (the function never ran or was throttled:
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html); this adds a
 * Retry for Lambda's throttling (`Lambda.TooManyRequestsException`, which CDK does not retry) and for the
 * task's own retriable errors, with exponential backoff; every Task has a timeout (taskTimeoutOf).
 */
export function lambdaStep(
  scope: Construct,
  name: string,
  fn: IFunction,
  props: LambdaStepProps,
): LambdaInvoke {
  const step = new LambdaInvoke(scope, name, {
    lambdaFunction: fn,
    payloadResponseOnly: true,
    payload: props.payload,
    // `ResultPath: "$"` (the result replaces the state) is what we mean, but aws-local-stepfunctions
    // keeps the input there; a named key plus OutputPath gives the same output on AWS and locally.
    ...(props.resultPath === '$'
      ? { resultPath: '$.result', outputPath: '$.result' }
      : { resultPath: props.resultPath }),
    comment: props.comment,
    taskTimeout: Timeout.duration(taskTimeoutOf(fn)),
  });
  // Concurrency or burst limits: the invocation never started, so retrying is safe; jittered, so parallel
  // executions hitting the same limit do not retry in lockstep.
  step.addRetry({
    errors: ['Lambda.TooManyRequestsException'],
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
    jitterStrategy: JitterType.FULL,
  });
  if (props.retriable && props.retriable.length > 0) {
    step.addRetry({
      errors: [...props.retriable],
      interval: props.interval ?? Duration.seconds(2),
      maxAttempts: props.maxAttempts ?? 5,
      backoffRate: 2,
    });
  }
  return step;
}
