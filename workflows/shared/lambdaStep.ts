import { Duration } from 'aws-cdk-lib';
import { type IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { JitterType, type TaskInput, Timeout } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { retriableErrorsThrownBy } from './retriableErrors';

export interface LambdaStepProps {
  /** The state's input to the function; omitted, the function gets the whole state. */
  payload?: TaskInput;
  /** Where the function's result goes in the state (one named key, e.g. `$.journal`). */
  resultPath: string;
  /** Attempts for the task's retriable errors; default 5. */
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
 * The errors a step retries: those its function's task file can throw and whose class says retriable
 * (workflows/shared/retriableErrors.ts). A function without a known task file retries none of its own.
 */
export function retriableErrorsOf(fn: IFunction): string[] {
  const entry = (fn as { entry?: unknown }).entry;
  return typeof entry === 'string' ? retriableErrorsThrownBy(entry) : [];
}

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
 * retriable errors the task's own code can throw (retriableErrorsOf), with exponential backoff; every Task
 * has a timeout (taskTimeoutOf).
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
  const retriable = retriableErrorsOf(fn);
  if (retriable.length > 0) {
    step.addRetry({
      errors: retriable,
      interval: props.interval ?? Duration.seconds(2),
      maxAttempts: props.maxAttempts ?? 5,
      backoffRate: 2,
    });
  }
  return step;
}
