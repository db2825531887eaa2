import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { TaskIntegration } from './taskTargets';

/** A local stand-in for a Task state's work: a Lambda-style handler (the middy `handler` fits). */
// biome-ignore lint/suspicious/noExplicitAny: handlers of every task shape plug in here.
export type LocalTaskHandler = (event: any, context: Context) => unknown;

/** What a Task state needs to run locally. */
export interface LocalTaskBinding {
  stateName: string;
  integration: TaskIntegration;
  handler: LocalTaskHandler;
  functionName?: string;
  invokedFunctionArn?: string;
  invocationType?: string;
  /** The state's TimeoutSeconds; the library's default is 60 s (AWS's is 99999999). */
  timeoutSeconds?: number;
}

/** The Lambda Node.js runtime's error document: `{ errorType, errorMessage, trace }`. */
export interface LambdaErrorDocument {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

// Step Functions rejects state data over 256 KiB with States.DataLimitExceeded.
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-task-executions
const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * A task failure as Step Functions sees it: `name` (the state's Error) is the thrown error's `name`,
 * `message` (the state's Cause) is the JSON error document the Lambda runtime produces.
 * The thrown value is kept in `thrown`, not `cause`: the engine reports `cause` as the Cause.
 */
export class LambdaFunctionError extends Error {
  readonly document: LambdaErrorDocument;
  readonly thrown: unknown;

  constructor(document: LambdaErrorDocument, thrown: unknown) {
    super(JSON.stringify(document));
    this.name = document.errorType;
    this.document = document;
    this.thrown = thrown;
  }
}

/** A result too large for the state: terminal, like on AWS (neither retried nor caught). */
export class StatesDataLimitExceededError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(stateName: string, bytes: number) {
    super(`The result of state '${stateName}' is ${bytes} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit`);
    this.name = 'States.DataLimitExceeded';
  }
}

// Mirrors toRapidResponse() of the AWS Lambda Node.js runtime interface client (src/Errors.js).
/** The error document the Lambda Node.js runtime returns for a thrown value. */
export function lambdaErrorDocument(thrown: unknown): LambdaErrorDocument {
  if (thrown instanceof Error) {
    return { errorType: thrown.name, errorMessage: thrown.message, trace: (thrown.stack ?? '').split('\n') };
  }
  return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
}

function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function lambdaContext(binding: LocalTaskBinding): Context {
  const name = binding.functionName ?? binding.stateName;
  const deadline = Date.now() + (binding.timeoutSeconds ?? 60) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: binding.invokedFunctionArn ?? name,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Adapts a handler to the engine as AWS would call it: the event and the result go through JSON,
 * `lambda:invoke` passes `Parameters.Payload` and wraps the result as `{ ExecutedVersion, Payload,
 * StatusCode }`, and a thrown error becomes a {@link LambdaFunctionError}.
 */
export function toTaskFunction(binding: LocalTaskBinding): (input: unknown) => Promise<unknown> {
  const invoke = binding.integration === 'lambda-invoke' || binding.integration === 'lambda-invoke-callback';
  return async (input) => {
    const event = asJson(invoke ? ((input as { Payload?: unknown } | null)?.Payload ?? {}) : input);
    if (binding.integration === 'lambda-invoke' && binding.invocationType === 'DryRun') {
      return { Payload: '', StatusCode: 204 };
    }
    let result: unknown;
    try {
      result = asJson(await binding.handler(event, lambdaContext(binding)));
    } catch (thrown) {
      throw new LambdaFunctionError(lambdaErrorDocument(thrown), thrown);
    }
    let output = result;
    if (binding.integration === 'lambda-invoke') {
      output =
        binding.invocationType === 'Event'
          ? { Payload: '', StatusCode: 202 }
          : { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    const bytes = Buffer.byteLength(JSON.stringify(output));
    if (bytes > MAX_PAYLOAD_BYTES) throw new StatesDataLimitExceededError(binding.stateName, bytes);
    return output;
  };
}
