import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../../cli/main';
import { followExecution } from '../../../cli/remote/followExecution';
import type { ProgressLine } from '../../../cli/summary';
import { repoRoot } from '../../../scripts/local/paths';

const MACHINE = 'arn:aws-cn:states:cn-northwest-1:111122223333:stateMachine:msk-flows-prod-onboarding';
const EXECUTION =
  'arn:aws-cn:states:cn-northwest-1:111122223333:execution:msk-flows-prod-onboarding:orders-analytics-001';
const sfnMock = mockClient(SFNClient);
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));

describe('msk-flows onboard --state-machine', () => {
  const RUN1 = EXECUTION;
  const RUN2 = `${EXECUTION}-r2`;
  const file = join(repoRoot(), 'examples', 'onboard-orders-analytics.msk.json');
  const argv = ['onboard', '--request', file, '--state-machine', MACHINE, '--region', 'cn-northwest-1'];
  const request = JSON.parse(readFileSync(file, 'utf8')) as { requestId: string };
  afterEach(() => sfnMock.reset());

  /** Run 1 of the request closed with `status` and `input`; run 2 is free and succeeds, changing nothing. */
  function afterRun1(status: 'FAILED' | 'SUCCEEDED', input: object) {
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: RUN1 })
      .resolves({ status, input: JSON.stringify(input) });
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: RUN2 })
      .rejectsOnce(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }))
      .resolves({
        status: 'SUCCEEDED',
        output: JSON.stringify({ changes: [{ kind: 'topic', id: 'orders.events', action: 'none' }] }),
      });
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: RUN2, startDate: at(0) });
    sfnMock.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
        { id: 2, type: 'ExecutionSucceeded', timestamp: at(9) },
      ],
    });
  }

  it.each([
    ['failed', 'FAILED' as const, {}],
    ['was a dry run', 'SUCCEEDED' as const, { dryRun: true }],
  ])(
    'runs the request again under a new name when its last run %s, and exits 0 on success',
    async (_case, status, extra) => {
      // Prepare
      afterRun1(status, { ...request, ...extra });
      const out: string[] = [];

      // Act
      const code = await main(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });

      // Assess
      expect(code).toBe(0);
      expect(out[0]).toBe(`started run 2 of orders-analytics-001: ${RUN2}`);
      expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
        stateMachineArn: MACHINE,
        name: 'orders-analytics-001-r2',
      });
    },
  );

  it('follows a run that is still going with the same request instead of starting another', async () => {
    // Prepare
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: RUN1 })
      .resolvesOnce({ status: 'RUNNING', input: JSON.stringify(request) })
      .resolves({ status: 'FAILED', error: 'TopicConfigDriftError', cause: 'partitions' });
    sfnMock
      .on(GetExecutionHistoryCommand)
      .resolves({ events: [{ id: 1, type: 'ExecutionFailed', timestamp: at(3) }] });
    const out: string[] = [];

    // Act
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });

    // Assess
    expect(code).toBe(1);
    expect(out[0]).toBe(`following the running ${RUN1}`);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('exits 1 naming the running execution when a dry run is asked for while the request runs', async () => {
    // Prepare
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: RUN1 })
      .resolves({ status: 'RUNNING', input: JSON.stringify(request) });
    const err: string[] = [];

    // Act
    const code = await main([...argv, '--dry-run'], { out: () => undefined, err: (l) => err.push(l) });

    // Assess
    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringContaining(`ExecutionInProgressError: request orders-analytics-001 is running as ${RUN1}`),
    ]);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
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
