import { App, Stack } from 'aws-cdk-lib';
import {
  DefinitionBody,
  JsonPath,
  Pass,
  StateMachine,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  extractStateMachineDefinition,
  InvalidDefinitionError,
  StateMachineNotFoundError,
} from '../../../workflows/local/index';
import { buildMachine, invoke, logicalIdOf, testFunction } from './machines';

describe('extractStateMachineDefinition', () => {
  it('joins the DefinitionString tokens into ASL with placeholder ARNs for each Lambda function', () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      invoke(scope, 'Validate Request', { resultPath: '$.validated' }).next(
        invoke(scope, 'Plan Changes', {
          payloadResponseOnly: false,
          payload: TaskInput.fromJsonPathAt('$.request'),
        }),
      ),
    );

    // Act
    const { logicalId, definition, taskResources } = extractStateMachineDefinition(stack, stateMachine);

    // Assess
    expect(logicalId).toBe(logicalIdOf(stateMachine));
    const validateFn = taskResources.get('Validate Request')?.functionLogicalId;
    const planFn = taskResources.get('Plan Changes')?.functionLogicalId;
    expect(validateFn).toMatch(/^ValidateRequestFn[0-9A-F]{8}$/);
    expect(definition.States['Validate Request'].Resource).toBe(
      `arn:aws:lambda:eu-west-1:111122223333:function:${validateFn}`,
    );
    expect(definition.States['Plan Changes']).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: `arn:aws:lambda:eu-west-1:111122223333:function:${planFn}`,
        'Payload.$': '$.request',
      },
    });
    expect(taskResources.get('Validate Request')).toEqual({
      stateName: 'Validate Request',
      integration: 'lambda-function',
      functionLogicalId: validateFn,
      functionPath: 'EngineTest/ValidateRequestFn',
      functionHandler: 'index.handler',
    });
    expect(taskResources.get('Plan Changes')).toMatchObject({
      integration: 'lambda-invoke',
      functionPath: 'EngineTest/PlanChangesFn',
    });
  });

  it('uses the aws-cn partition for a stack in a China Region', () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => invoke(scope, 'Only Task'), 'cn-northwest-1');

    // Act
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Assess
    expect(definition.States['Only Task'].Resource).toMatch(
      /^arn:aws-cn:lambda:cn-northwest-1:111122223333:function:/,
    );
  });

  it('finds the state machine by logical id or construct id and from the template JSON alone', () => {
    // Prepare
    const { app, stack, stateMachine } = buildMachine((scope) => new Pass(scope, 'Nothing'));
    const fromConstruct = extractStateMachineDefinition(stack, stateMachine);
    const template = app.synth().getStackArtifact(stack.artifactId).template;

    // Act
    const byConstructId = extractStateMachineDefinition(stack, 'Machine');
    const fromTemplate = extractStateMachineDefinition(template, fromConstruct.logicalId);

    // Assess
    expect(byConstructId.logicalId).toBe(fromConstruct.logicalId);
    expect(fromTemplate.definition).toEqual(fromConstruct.definition);
    expect(fromTemplate.definition).toEqual({
      StartAt: 'Nothing',
      States: { Nothing: { Type: 'Pass', End: true } },
      TimeoutSeconds: 300,
    });
  });

  it('applies DefinitionSubstitutions to a plain-string definition', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'Substitutions', { env: { region: 'eu-west-1', account: '111122223333' } });
    const fn = testFunction(stack, 'Worker');
    const machine = new StateMachine(stack, 'FromString', {
      definitionBody: DefinitionBody.fromString(
        JSON.stringify({
          StartAt: 'Work',
          States: { Work: { Type: 'Task', Resource: `${'$'}{workerArn}`, End: true } },
        }),
      ),
      definitionSubstitutions: { workerArn: fn.functionArn },
    });

    // Act
    const { definition, taskResources } = extractStateMachineDefinition(stack, machine);

    // Assess
    const workerId = logicalIdOf(fn);
    expect(definition.States.Work.Resource).toBe(
      `arn:aws:lambda:eu-west-1:111122223333:function:${workerId}`,
    );
    expect(taskResources.get('Work')?.functionLogicalId).toBe(workerId);
  });

  it('names the state machines it has when asked for one it does not', () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => new Pass(scope, 'Nothing'));
    const existing = extractStateMachineDefinition(stack, stateMachine).logicalId;

    // Act
    const act = () => extractStateMachineDefinition(stack, 'Onboarding');

    // Assess
    expect(act).toThrow(StateMachineNotFoundError);
    expect(act).toThrow(`state machines found: ${existing}`);
  });

  it('rejects a definition asl-validator finds invalid, listing the problems', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'Invalid');
    const machine = new StateMachine(stack, 'Broken', {
      definitionBody: DefinitionBody.fromString(
        JSON.stringify({
          StartAt: 'Wait',
          States: { Wait: { Type: 'Wait', SecondsPath: 'not a path', End: true } },
        }),
      ),
    });

    // Act
    const act = () => extractStateMachineDefinition(stack, machine);

    // Assess
    expect(act).toThrow(InvalidDefinitionError);
    expect(act).toThrow('/States/Wait/SecondsPath is invalid');
  });

  it('keeps JSONPath fields such as SecondsPath as CDK wrote them', () => {
    // Prepare
    const { stack, stateMachine } = buildMachine(
      (scope) =>
        new Wait(scope, 'Wait For Cluster', {
          time: WaitTime.secondsPath(JsonPath.stringAt('$.wait.seconds')),
        }),
    );

    // Act
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Assess
    expect(definition.States['Wait For Cluster']).toEqual({
      Type: 'Wait',
      SecondsPath: '$.wait.seconds',
      End: true,
    });
  });
});
