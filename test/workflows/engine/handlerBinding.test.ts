import {
  extractStateMachineDefinition,
  type LocalTaskHandler,
  MissingLocalHandlerError,
  runLocally,
  UnknownHandlerStateError,
} from '../../../workflows/local/index';
import { buildMachine, invoke } from './machines';

describe('runLocally handler binding', () => {
  it('refuses to run when a Task state has no local handler, naming the state and its function', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Validate Request').next(invoke(scope, 'Grant ACLs')),
    );
    const { definition, taskResources } = extractStateMachineDefinition(stack, stateMachine);
    let calls = 0;

    // Act
    const run = runLocally({
      definition,
      taskResources,
      handlers: {
        'Validate Request': async () => {
          calls++;
          return {};
        },
      },
      input: {},
    });

    // Assess
    await expect(run).rejects.toThrow(MissingLocalHandlerError);
    await expect(run).rejects.toThrow("'Grant ACLs' (EngineTest/GrantACLsFn)");
    expect(calls).toBe(0);
  });

  it('refuses handlers for state names the definition does not have', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => invoke(scope, 'Validate Request'));
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    const noop = async () => ({});

    // Act
    const run = runLocally({
      definition,
      handlers: { 'Validate Request': noop, 'Validate Requests': noop },
      input: {},
    });

    // Assess
    await expect(run).rejects.toThrow(UnknownHandlerStateError);
  });

  it('resolves handlers from the function behind each task', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Validate Request', { resultPath: '$.a' }).next(
        invoke(scope, 'Grant ACLs', { resultPath: '$.b' }),
      ),
    );
    const { definition, taskResources } = extractStateMachineDefinition(stack, stateMachine);
    const byPath: Record<string, LocalTaskHandler> = {
      'EngineTest/ValidateRequestFn': async () => 'validated',
      'EngineTest/GrantACLsFn': async () => 'granted',
    };

    // Act
    const result = await runLocally({
      definition,
      taskResources,
      handlers: (task) => (task.functionPath ? byPath[task.functionPath] : undefined),
      input: {},
    });

    // Assess
    expect(result.output).toEqual({ a: 'validated', b: 'granted' });
  });
});
