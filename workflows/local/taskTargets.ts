import type { AslState } from './asl';

/**
 * How a Task state reaches its work:
 * - `lambda-function`: `Resource` is the function ARN (CDK `LambdaInvoke` with `payloadResponseOnly`);
 * - `lambda-invoke`: the optimized integration `arn:<partition>:states:::lambda:invoke`, whose
 *   result is the Invoke API's answer `{ Payload, StatusCode, … }`;
 * - `lambda-invoke-callback`: `lambda:invoke.waitForTaskToken`, whose result is what the task reports;
 * - `other`: any other service integration (its local handler gets the effective input as is).
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export type TaskIntegration = 'lambda-function' | 'lambda-invoke' | 'lambda-invoke-callback' | 'other';

export interface TaskTarget {
  integration: TaskIntegration;
  /** The function's name as it appears in the ARN; for our placeholders, its logical id. */
  functionName?: string;
  /** `RequestResponse` (default), `Event` or `DryRun` for the `lambda:invoke` integration. */
  invocationType?: string;
}

const FUNCTION_ARN = /^arn:[\w-]+:lambda:[\w-]*:\d*:function:([^:]+)(?::[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:[\w-]+:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** The function named by an ARN, a partial ARN or a plain name (what `FunctionName` accepts). */
export function functionNameOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string' || reference.length === 0) return undefined;
  const arn = FUNCTION_ARN.exec(reference);
  if (arn) return arn[1];
  return reference.includes(':') ? undefined : reference;
}

/** Classifies a Task state's `Resource` and finds the Lambda function it invokes, if any. */
export function taskTargetOf(state: AslState): TaskTarget {
  const resource = state.Resource ?? '';
  const invoke = LAMBDA_INVOKE.exec(resource);
  if (invoke) {
    const parameters = state.Parameters ?? {};
    return {
      integration: invoke[1] ? 'lambda-invoke-callback' : 'lambda-invoke',
      functionName: functionNameOf(parameters.FunctionName),
      invocationType: typeof parameters.InvocationType === 'string' ? parameters.InvocationType : undefined,
    };
  }
  const functionName = FUNCTION_ARN.exec(resource)?.[1];
  return functionName ? { integration: 'lambda-function', functionName } : { integration: 'other' };
}
