import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { followExecution } from '../../../cli/remote/followExecution';
import { executionArnOf, startOrJoinExecution } from '../../../cli/remote/startExecution';
import type { ProgressLine } from '../../../cli/summary';

const MACHINE = 'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:msk-flows-prod-onboarding';
const EXECUTION =
  'arn:aws-cn:states:cn-northwest-1:111122223333:execution:msk-flows-prod-onboarding:orders-001';
const sfnMock = mockClient(SFNClient);
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));

describe('startOrJoinExecution', () => {
  afterEach(() => sfnMock.reset());

  it('starts the execution named after the request with the request as input', async () => {
    // Prepare
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: at(0) });
    const request = { requestId: 'orders-001', principal: 'orders' };

    // Act
    const started = await startOrJoinExecution(
      new SFNClient({ region: 'cn-northwest-1' }),
      MACHINE,
      'orders-001',
      request,
    );

    // Assess
    expect(started).toEqual({ executionArn: EXECUTION, joined: false });
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: MACHINE,
      name: 'orders-001',
      input: JSON.stringify(request),
    });
  });

  it('follows the earlier execution when Step Functions says the name is taken', async () => {
    // Prepare
    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    sfnMock.on(DescribeExecutionCommand).resolves({ executionArn: EXECUTION, status: 'SUCCEEDED' });

    // Act
    const joined = await startOrJoinExecution(
      new SFNClient({ region: 'cn-northwest-1' }),
      MACHINE,
      'orders-001',
      {},
    );

    // Assess
    expect(joined).toEqual({ executionArn: EXECUTION, joined: true });
    expect(executionArnOf(MACHINE, 'orders-001')).toBe(EXECUTION);
    expect(sfnMock).toHaveReceivedCommandWith(DescribeExecutionCommand, { executionArn: EXECUTION });
  });
});

describe('followExecution', () => {
  afterEach(() => sfnMock.reset());

  it('reports each state from the history pages until the execution ends, then summarizes its output', async () => {
    // Prepare: two polls; the first page is still running, the second ends the execution
    sfnMock
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({
        events: [
          { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
          {
            id: 2,
            type: 'TaskStateEntered',
            timestamp: at(1),
            stateEnteredEventDetails: { name: 'Validate Request' },
          },
        ],
      })
      .resolvesOnce({
        events: [
          {
            id: 3,
            type: 'TaskStateExited',
            timestamp: at(2),
            stateExitedEventDetails: { name: 'Validate Request' },
          },
          {
            id: 4,
            type: 'TaskStateEntered',
            timestamp: at(3),
            stateEnteredEventDetails: { name: 'Ensure Topics' },
          },
          {
            id: 5,
            type: 'LambdaFunctionFailed',
            timestamp: at(4),
            lambdaFunctionFailedEventDetails: { error: 'TopicConfigDriftError' },
          },
          { id: 6, type: 'ExecutionFailed', timestamp: at(5) },
        ],
      });
    sfnMock.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'FAILED',
      error: 'TopicConfigDriftError',
      cause: 'orders.events: partitions 6 requested, 12 exist',
    });
    const lines: ProgressLine[] = [];

    // Act
    const summary = await followExecution({
      sfn: new SFNClient({ region: 'cn-northwest-1' }),
      executionArn: EXECUTION,
      onProgress: (line) => lines.push(line),
      sleep: async () => undefined,
    });

    // Assess
    expect(lines).toEqual([
      { at: 1000, state: 'Validate Request', what: 'entered' },
      { at: 2000, state: 'Validate Request', what: 'succeeded' },
      { at: 3000, state: 'Ensure Topics', what: 'entered' },
      { at: 4000, state: 'Ensure Topics', what: 'failed', detail: 'TopicConfigDriftError' },
    ]);
    expect(sfnMock).toHaveReceivedCommandTimes(GetExecutionHistoryCommand, 2);
    expect(summary).toEqual({
      status: 'FAILED',
      execution: EXECUTION,
      dryRun: undefined,
      changes: [],
      error: { name: 'TopicConfigDriftError', cause: 'orders.events: partitions 6 requested, 12 exist' },
    });
  });
});
