import { Fail, JsonPath, Pass } from 'aws-cdk-lib/aws-stepfunctions';
import { extractStateMachineDefinition, type RunEvent, runLocally } from '../../../workflows/local/index';
import { FooRetriableError, ScramSecretNotYetVisibleError } from './errors';
import { buildMachine, invoke } from './machines';

const stateLines = (events: RunEvent[]) =>
  events.filter((e) => e.type.startsWith('State')).map((e) => `${e.type} ${e.state}`);

describe('runLocally error handling', () => {
  it('retries a task by the thrown error name and succeeds on the second attempt', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Associate Secret', { retryOnServiceExceptions: false }).addRetry({
        errors: ['FooRetriableError'],
        maxAttempts: 2,
      }),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    let calls = 0;

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Associate Secret': async () => {
          calls++;
          if (calls === 1) throw new FooRetriableError('secret not visible yet');
          return { associated: true };
        },
      },
      input: {},
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ associated: true });
    expect(calls).toBe(2);
    expect(stateLines(result.events)).toEqual([
      'StateEntered Associate Secret',
      'StateFailed Associate Secret',
      'StateRetried Associate Secret',
      'StateExited Associate Secret',
    ]);
    expect(result.events.find((e) => e.type === 'StateFailed')?.error?.name).toBe('FooRetriableError');
    expect(result.events.find((e) => e.type === 'StateRetried')?.attempt).toBe(1);
    expect(result.transitions).toBe(2);
  });

  it('does not retry an error whose name the Retry does not list', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Associate Secret').addRetry({ errors: ['FooRetriableError'], maxAttempts: 3 }),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    let calls = 0;

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Associate Secret': async () => {
          calls++;
          throw new ScramSecretNotYetVisibleError('still propagating');
        },
      },
      input: {},
    });

    // Assess
    expect(calls).toBe(1);
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('ScramSecretNotYetVisibleError');
    expect(JSON.parse(result.error?.cause ?? '')).toMatchObject({
      errorType: 'ScramSecretNotYetVisibleError',
      errorMessage: 'still propagating',
    });
  });

  it('catches into $.error shaped like a Lambda error and fails with the original error and cause', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => {
      const undo = invoke(scope, 'Undo Changes', { resultPath: JsonPath.DISCARD }).next(
        new Fail(scope, 'Onboarding Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
      );
      return invoke(scope, 'Ensure Credentials', { resultPath: '$.credentials' }).addCatch(undo, {
        errors: ['States.ALL'],
        resultPath: '$.error',
      });
    });
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    const undoInputs: { request: string; error: { Error: string; Cause: string } }[] = [];

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Ensure Credentials': async () => {
          throw new ScramSecretNotYetVisibleError('secret AmazonMSK_orders is not visible to MSK');
        },
        'Undo Changes': async (event) => {
          undoInputs.push(event);
          return null;
        },
      },
      input: { request: 'r-1' },
    });

    // Assess
    expect(undoInputs).toHaveLength(1);
    expect(undoInputs[0].request).toBe('r-1');
    expect(undoInputs[0].error.Error).toBe('ScramSecretNotYetVisibleError');
    const cause = JSON.parse(undoInputs[0].error.Cause);
    expect(cause.errorType).toBe('ScramSecretNotYetVisibleError');
    expect(cause.errorMessage).toBe('secret AmazonMSK_orders is not visible to MSK');
    expect(cause.trace[0]).toBe(
      'ScramSecretNotYetVisibleError: secret AmazonMSK_orders is not visible to MSK',
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toEqual({ name: 'ScramSecretNotYetVisibleError', cause: undoInputs[0].error.Cause });
    expect(stateLines(result.events)).toContain('StateCaught Ensure Credentials');
    expect(result.events.at(-1)).toMatchObject({ type: 'ExecutionFailed', error: result.error });
  });

  it('fails with States.DataLimitExceeded, uncaught, when a task returns more than 256 KiB', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Describe Everything').addCatch(new Pass(scope, 'Recovered'), { errors: ['States.ALL'] }),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Act
    const result = await runLocally({
      definition,
      handlers: { 'Describe Everything': async () => 'x'.repeat(300 * 1024) },
      input: {},
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('States.DataLimitExceeded');
  });
});
