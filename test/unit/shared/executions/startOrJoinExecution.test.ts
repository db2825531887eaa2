import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type ExecutionStatus,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { ExecutionInProgressError, TooManyRunsError } from '../../../../tasks/shared/executions/errors';
import { executionArnOf, executionNameForRun, MAX_RUNS } from '../../../../tasks/shared/executions/names';
import { startOrJoinExecution } from '../../../../tasks/shared/executions/startOrJoinExecution';
import { commandNames } from '../../../helpers/sdkCalls';

const MACHINE = 'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:msk-flows-prod-onboarding';
const REQUEST = { requestId: 'orders-001', principal: 'orders', topics: [] };
const arnOf = (run: number) => executionArnOf(MACHINE, executionNameForRun('orders-001', run));
const sfnMock = mockClient(SFNClient);
const sfn = new SFNClient({ region: 'cn-northwest-1' });
const missing = () => new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });

/** Runs 1..n of the request exist with these statuses (and inputs); every later name is free. */
function existingRuns(runs: { status: ExecutionStatus; input?: object }[]): void {
  sfnMock.on(DescribeExecutionCommand).rejects(missing());
  runs.forEach(({ status, input }, i) => {
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: arnOf(i + 1) })
      .resolves({ executionArn: arnOf(i + 1), status, input: JSON.stringify(input ?? REQUEST) });
  });
  sfnMock.on(StartExecutionCommand).callsFake((input: { name: string }) => ({
    executionArn: executionArnOf(MACHINE, input.name),
  }));
}

describe('startOrJoinExecution', () => {
  afterEach(() => sfnMock.reset());

  it('starts run 1 named after the requestId when the request never ran', async () => {
    // Prepare
    existingRuns([]);

    // Act
    const started = await startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    expect(started).toEqual({ executionArn: arnOf(1), name: 'orders-001', run: 1, joined: false });
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: MACHINE,
      name: 'orders-001',
      input: JSON.stringify({ principal: 'orders', requestId: 'orders-001', topics: [] }),
    });
  });

  it.each(['FAILED', 'ABORTED', 'TIMED_OUT', 'SUCCEEDED'] as const)(
    'starts the next run after a %s one',
    async (status) => {
      // Prepare
      existingRuns([{ status: 'FAILED' }, { status }]);

      // Act
      const started = await startOrJoinExecution(sfn, {
        stateMachineArn: MACHINE,
        requestId: 'orders-001',
        input: REQUEST,
      });

      // Assess
      expect(started).toEqual({ executionArn: arnOf(3), name: 'orders-001-r3', run: 3, joined: false });
      expect(commandNames(sfnMock)).toEqual([
        'DescribeExecutionCommand',
        'DescribeExecutionCommand',
        'DescribeExecutionCommand',
        'StartExecutionCommand',
      ]);
    },
  );

  it('runs the request for real after a dry run of it', async () => {
    // Prepare
    existingRuns([{ status: 'SUCCEEDED', input: { ...REQUEST, dryRun: true } }]);

    // Act
    const started = await startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    expect(started).toMatchObject({ name: 'orders-001-r2', joined: false });
  });

  it('joins the running run when it has the same input, starting nothing', async () => {
    // Prepare
    existingRuns([
      { status: 'FAILED' },
      { status: 'RUNNING', input: { topics: [], principal: 'orders', requestId: 'orders-001' } },
    ]);

    // Act
    const joined = await startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    expect(joined).toEqual({ executionArn: arnOf(2), name: 'orders-001-r2', run: 2, joined: true });
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses to start beside a run of the request that is running with another input', async () => {
    // Prepare
    existingRuns([{ status: 'RUNNING' }]);

    // Act
    const attempt = startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: { ...REQUEST, dryRun: true },
    });

    // Assess
    await expect(attempt).rejects.toThrow(ExecutionInProgressError);
    await expect(attempt).rejects.toThrow(`request orders-001 is running as ${arnOf(1)} with another input`);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it("skips a name another request's own requestId took", async () => {
    // Prepare: request "orders-001-r2" exists and is running; it is not a run of orders-001
    existingRuns([
      { status: 'FAILED' },
      { status: 'RUNNING', input: { ...REQUEST, requestId: 'orders-001-r2' } },
    ]);

    // Act
    const started = await startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    expect(started).toMatchObject({ name: 'orders-001-r3', joined: false });
  });

  it('joins what a concurrent start of the same request began under the name it was about to take', async () => {
    // Prepare
    sfnMock
      .on(DescribeExecutionCommand)
      .rejectsOnce(missing())
      .resolves({ executionArn: arnOf(1), status: 'RUNNING', input: JSON.stringify(REQUEST) });
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'taken', $metadata: {} }));

    // Act
    const joined = await startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    expect(joined).toEqual({ executionArn: arnOf(1), name: 'orders-001', run: 1, joined: true });
  });

  it('gives up after the last run name, asking for a new requestId', async () => {
    // Prepare
    existingRuns(Array.from({ length: MAX_RUNS }, () => ({ status: 'SUCCEEDED' as const })));

    // Act
    const attempt = startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    await expect(attempt).rejects.toThrow(TooManyRunsError);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('lets a Step Functions failure through untouched', async () => {
    // Prepare
    const outage = Object.assign(new Error('Service Unavailable'), {
      name: 'ServiceUnavailable',
      $fault: 'server',
    });
    sfnMock.on(DescribeExecutionCommand).rejects(outage);

    // Act
    const attempt = startOrJoinExecution(sfn, {
      stateMachineArn: MACHINE,
      requestId: 'orders-001',
      input: REQUEST,
    });

    // Assess
    await expect(attempt).rejects.toThrow('Service Unavailable');
  });
});

describe('executionNameForRun', () => {
  it('keeps every run name within the 80 characters Step Functions allows', () => {
    // Prepare
    const longest = 'a'.repeat(80);

    // Act
    const names = [1, 2, MAX_RUNS].map((run) => executionNameForRun(longest, run));

    // Assess
    expect(names.map((n) => n.length)).toEqual([80, 80, 80]);
    expect(names[2]).toMatch(/-r100$/);
  });
});
