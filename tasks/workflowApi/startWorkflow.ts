import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SFNClient } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { REQUEST_ID } from '../onboarding/request/patterns';
import { ExecutionStartError } from '../shared/executions/errors';
import { startOrJoinExecution } from '../shared/executions/startOrJoinExecution';
import { startWorkflowClients } from './clients';

/** What the core needs: Step Functions and the one state machine this route starts. */
export interface StartWorkflowDeps {
  sfn: SFNClient;
  stateMachineArn: string;
  logger: Logger;
}

const json = (
  statusCode: number,
  body: object,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** An AWS SDK error that is Step Functions' own failure (a 5xx, or throttling), not our request's. */
function isServiceFailure(error: unknown): boolean {
  const e = error as { $fault?: string; name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.$fault === 'server' || e.name === 'ThrottlingException' || (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

/**
 * `POST /<workflow>` with a request body (API Gateway has validated it against the schema): starts the
 * request's next run or joins the running one. 202 with the execution (and `Location` of its status),
 * 409 when a run of the request is going with another input, 503 when Step Functions fails or throttles
 * (try again), 500 for anything else; the body never echoes the request.
 */
export async function startWorkflowResponse(
  event: Pick<APIGatewayProxyEvent, 'body' | 'path'>,
  deps: StartWorkflowDeps,
): Promise<APIGatewayProxyResult> {
  if (!deps.stateMachineArn) {
    deps.logger.error('STATE_MACHINE_ARN is not set');
    return json(500, { message: 'the execution could not be started' });
  }
  let input: { requestId?: unknown };
  try {
    input = JSON.parse(event.body ?? '') as { requestId?: unknown };
  } catch {
    return json(400, { message: 'the body must be the JSON request' });
  }
  const requestId = input?.requestId;
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
    return json(400, { message: 'requestId: must be 1–80 of letters, digits, _ and -' });
  }
  try {
    const execution = await startOrJoinExecution(deps.sfn, {
      stateMachineArn: deps.stateMachineArn,
      requestId,
      input,
    });
    deps.logger.info('execution', {
      requestId,
      executionArn: execution.executionArn,
      joined: execution.joined,
    });
    const location = `${event.path.replace(/\/+$/, '')}/${execution.name}`;
    return json(202, { ...execution, status: 'RUNNING' }, { Location: location });
  } catch (error) {
    if (error instanceof ExecutionStartError) return json(409, { error: error.name, message: error.message });
    deps.logger.error('could not start the execution', { requestId, error: error as Error });
    if (isServiceFailure(error)) {
      return json(
        503,
        { message: 'Step Functions did not start the execution; try again' },
        { 'Retry-After': '5' },
      );
    }
    return json(500, { message: 'the execution could not be started' });
  }
}

/** Builds the Lambda handler around injected clients (tests pass a mocked Step Functions client). */
export function createStartWorkflowHandler(deps: StartWorkflowDeps) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(deps.logger))
    .handler((event) => startWorkflowResponse(event, deps));
}

/** API Gateway (REST, Lambda proxy) entry point: `POST /onboardings`, `POST /offboardings`. */
export const handler = createStartWorkflowHandler(startWorkflowClients());
