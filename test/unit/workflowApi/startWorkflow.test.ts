import { Logger } from '@aws-lambda-powertools/logger';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { startWorkflowResponse } from '../../../tasks/workflowApi/startWorkflow';

const MACHINE = 'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:msk-flows-prod-onboarding';
const RUN1 = 'arn:aws-cn:states:cn-northwest-1:111122223333:execution:msk-flows-prod-onboarding:orders-001';
const REQUEST = { requestId: 'orders-001', principal: 'orders' };
const sfnMock = mockClient(SFNClient);
const deps = {
  sfn: new SFNClient({ region: 'cn-northwest-1' }),
  stateMachineArn: MACHINE,
  logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
};
const post = (body: string | null) => startWorkflowResponse({ body, path: '/onboardings' }, deps);
const sfnError = (name: string, fault: 'client' | 'server', status: number) =>
  new SFNServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

describe('POST /onboardings', () => {
  afterEach(() => sfnMock.reset());

  it('answers 202 with the started execution and where to read its status', async () => {
    // Prepare
    sfnMock
      .on(DescribeExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: 'none', $metadata: {} }));
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: RUN1 });

    // Act
    const response = await post(JSON.stringify(REQUEST));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.headers).toMatchObject({ Location: '/onboardings/orders-001' });
    expect(JSON.parse(response.body)).toEqual({
      executionArn: RUN1,
      name: 'orders-001',
      run: 1,
      joined: false,
      status: 'RUNNING',
    });
  });

  it('answers 202 with the running execution when the same request is sent again', async () => {
    // Prepare
    sfnMock.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', input: JSON.stringify(REQUEST) });

    // Act
    const response = await post(JSON.stringify(REQUEST));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toMatchObject({ name: 'orders-001', joined: true });
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers 409 when the request runs with another input', async () => {
    // Prepare
    sfnMock.on(DescribeExecutionCommand).resolves({ status: 'RUNNING', input: JSON.stringify(REQUEST) });

    // Act
    const response = await post(JSON.stringify({ ...REQUEST, dryRun: true }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'ExecutionInProgressError' });
  });

  it.each([
    ['is unavailable', sfnError('ServiceUnavailable', 'server', 503)],
    ['throttles', sfnError('ThrottlingException', 'client', 400)],
  ])('answers 503 with Retry-After when Step Functions %s', async (_case, error) => {
    // Prepare
    sfnMock.on(DescribeExecutionCommand).rejects(error);

    // Act
    const response = await post(JSON.stringify(REQUEST));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '5' });
  });

  it('answers 500 without detail when Step Functions refuses us (e.g. a missing permission)', async () => {
    // Prepare
    sfnMock.on(DescribeExecutionCommand).rejects(sfnError('AccessDeniedException', 'client', 400));

    // Act
    const response = await post(JSON.stringify(REQUEST));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('AccessDenied');
  });

  it.each([
    ['not JSON', 'requestId=orders-001', 'the body must be the JSON request'],
    [
      'without a usable requestId',
      JSON.stringify({ requestId: 'no spaces allowed' }),
      'requestId: must be 1–80 of letters, digits, _ and -',
    ],
  ])('answers 400 to a body %s, calling nothing', async (_case, body, message) => {
    // Act
    const response = await post(body);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message });
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('answers 500 when the function was deployed without its state machine', async () => {
    // Act
    const response = await startWorkflowResponse(
      { body: JSON.stringify(REQUEST), path: '/x' },
      { ...deps, stateMachineArn: '' },
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(sfnMock.calls()).toHaveLength(0);
  });
});
