import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * Lambda service faults worth retrying whatever the task: the function never ran or was throttled.
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

export interface LambdaStepProps {
  /** The state's input to the function; defaults to the whole state. */
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

/**
 * A Task state that invokes one of our task Lambdas and returns its payload only, with a Retry for
 * Lambda service faults and one for the task's own retriable errors (exponential backoff, jitter).
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
    resultPath: props.resultPath,
    comment: props.comment,
  });
  step.addRetry({
    errors: LAMBDA_SERVICE_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
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
