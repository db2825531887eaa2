import { DefinitionBody, JsonPath, Pass, StateMachine, Wait, WaitTime } from 'aws-cdk-lib/aws-stepfunctions';
import {
  type AslDefinition,
  extractStateMachineDefinition,
  runLocally,
  UnsupportedDefinitionError,
} from '../../../workflows/local/index';
import { buildMachine } from './machines';

describe('runLocally options', () => {
  it('exposes the execution name in the Context object', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine(
      (scope) => new Pass(scope, 'Name It', { parameters: { name: JsonPath.stringAt('$$.Execution.Name') } }),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Act
    const result = await runLocally({
      definition,
      handlers: {},
      input: {},
      executionName: 'orders-analytics-001',
    });

    // Assess
    expect(result.output).toEqual({ name: 'orders-analytics-001' });
  });

  it('times out with States.Timeout when the machine runs past its TimeoutSeconds', async () => {
    // Prepare
    const { stack } = buildMachine((scope) => new Pass(scope, 'Unused'));
    const slow = new StateMachine(stack, 'Slow', {
      definitionBody: DefinitionBody.fromChainable(
        new Wait(stack, 'Wait Long', { time: WaitTime.secondsPath('$.seconds') }).next(
          new Pass(stack, 'After'),
        ),
      ),
    });
    const { definition } = extractStateMachineDefinition(stack, slow);

    // Act
    const result = await runLocally({
      definition: { ...definition, TimeoutSeconds: 1 },
      handlers: {},
      input: { seconds: 60 },
      waitTimeOverride: { 'Wait Long': 5_000 },
    });

    // Assess
    expect(result.status).toBe('TIMED_OUT');
    expect(result.error?.name).toBe('States.Timeout');
    expect(result.events.some((e) => e.type === 'StateEntered' && e.state === 'After')).toBe(false);
  });

  it('refuses JSONata and Distributed Map definitions it would run differently from AWS', async () => {
    // Prepare
    const jsonata: AslDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    };
    const distributed: AslDefinition = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };

    // Act
    const runJsonata = runLocally({ definition: jsonata, handlers: {}, input: {} });
    const runDistributed = runLocally({ definition: distributed, handlers: {}, input: {} });

    // Assess
    await expect(runJsonata).rejects.toThrow(UnsupportedDefinitionError);
    await expect(runDistributed).rejects.toThrow("'M' is a Distributed Map");
  });
});
