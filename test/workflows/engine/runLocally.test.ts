import {
  Choice,
  Condition,
  JsonPath,
  Pass,
  Succeed,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  extractStateMachineDefinition,
  type LocalTaskHandler,
  type RunEvent,
  runLocally,
} from '../../../workflows/local/index';
import { buildMachine, invoke } from './machines';

const stateLines = (events: RunEvent[]) =>
  events.filter((e) => e.type.startsWith('State')).map((e) => `${e.type} ${e.state}`);

describe('runLocally', () => {
  it('runs the synthesized definition through Choice to Succeed and reports every state', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Validate Request', { resultPath: '$.validated' }).next(
        new Choice(scope, 'Is Dry Run?')
          .when(Condition.booleanEquals('$.dryRun', true), new Succeed(scope, 'Dry Run Done'))
          .otherwise(invoke(scope, 'Apply', { resultPath: '$.applied' }).next(new Succeed(scope, 'Applied'))),
      ),
    );
    const { definition, taskResources } = extractStateMachineDefinition(stack, stateMachine);
    const received: unknown[] = [];
    const handlers: Record<string, LocalTaskHandler> = {
      'Validate Request': async (event) => {
        received.push(event);
        return { ok: true };
      },
      Apply: async (event) => ({ topics: event.topics.length }),
    };
    const seen: RunEvent[] = [];

    // Act
    const result = await runLocally({
      definition,
      taskResources,
      handlers,
      input: { dryRun: false, topics: ['a', 'b'] },
      onEvent: (event) => seen.push(event),
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      dryRun: false,
      topics: ['a', 'b'],
      validated: { ok: true },
      applied: { topics: 2 },
    });
    expect(received).toEqual([{ dryRun: false, topics: ['a', 'b'] }]);
    expect(stateLines(result.events)).toEqual([
      'StateEntered Validate Request',
      'StateExited Validate Request',
      'StateEntered Is Dry Run?',
      'StateExited Is Dry Run?',
      'StateEntered Apply',
      'StateExited Apply',
      'StateEntered Applied',
      'StateExited Applied',
    ]);
    expect(result.transitions).toBe(4);
    expect(seen).toEqual(result.events);
    expect(result.events[0].type).toBe('ExecutionStarted');
    expect(result.events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(result.events.find((e) => e.type === 'StateExited')?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes Payload to the handler and wraps its result like AWS for the lambda:invoke integration', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Plan Changes', {
        payloadResponseOnly: false,
        payload: TaskInput.fromObject({ request: JsonPath.objectAt('$.request') }),
        resultPath: '$.plan',
      }),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    const received: unknown[] = [];

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Plan Changes': async (event) => {
          received.push(event);
          return { changes: 1 };
        },
      },
      input: { request: { id: 'r-1' } },
    });

    // Assess
    expect(received).toEqual([{ request: { id: 'r-1' } }]);
    expect(result.output).toEqual({
      request: { id: 'r-1' },
      plan: { ExecutedVersion: '$LATEST', Payload: { changes: 1 }, StatusCode: 200 },
    });
  });

  it('skips a Wait on SecondsPath when its time is overridden to 0 (the default)', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      new Wait(scope, 'Wait For Cluster', { time: WaitTime.secondsPath('$.waitSeconds') }).next(
        new Pass(scope, 'Done'),
      ),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Act
    const result = await runLocally({ definition, handlers: {}, input: { waitSeconds: 3600 } });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.durationMs).toBeLessThan(5000);
    expect(
      result.events.find((e) => e.type === 'StateEntered' && e.state === 'Wait For Cluster')?.input,
    ).toEqual({
      waitSeconds: 3600,
    });
  });

  it('stops with ABORTED when the signal aborts', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      new Wait(scope, 'Wait Forever', { time: WaitTime.secondsPath('$.seconds') }).next(
        invoke(scope, 'Never'),
      ),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    const controller = new AbortController();
    let calls = 0;

    // Act
    const run = runLocally({
      definition,
      handlers: {
        Never: async () => {
          calls++;
          return null;
        },
      },
      input: { seconds: 3600 },
      waitTimeOverride: 60_000,
      onEvent: (event) => {
        if (event.type === 'StateEntered') controller.abort();
      },
      signal: controller.signal,
    });
    const result = await run;

    // Assess
    expect(result.status).toBe('ABORTED');
    expect(calls).toBe(0);
    expect(result.events.at(-1)?.type).toBe('ExecutionAborted');
  });
});
