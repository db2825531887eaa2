import { App, type CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, type IChainable, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct, IConstruct } from 'constructs';

/** A tiny stack for engine tests: one state machine built from `build`, in `region`. */
export interface TestMachine {
  app: App;
  stack: Stack;
  stateMachine: StateMachine;
}

/** A throwaway Lambda function with an inline body; the engine never runs its code. */
export function testFunction(scope: Construct, id: string): LambdaFunction {
  return new LambdaFunction(scope, id, {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => null;'),
  });
}

/** A LambdaInvoke task of a fresh test function, payload only unless told otherwise. */
export function invoke(
  scope: Construct,
  name: string,
  props: Partial<Omit<LambdaInvokeProps, 'lambdaFunction'>> = {},
): LambdaInvoke {
  return new LambdaInvoke(scope, name, {
    lambdaFunction: testFunction(scope, `${name.replace(/[^A-Za-z0-9]/g, '')}Fn`),
    payloadResponseOnly: true,
    ...props,
  });
}

/** Builds a stack holding one state machine whose definition `build` returns. */
export function buildMachine(build: (stack: Stack) => IChainable, region = 'eu-west-1'): TestMachine {
  const app = new App();
  const stack = new Stack(app, 'EngineTest', { env: { region, account: '111122223333' } });
  const stateMachine = new StateMachine(stack, 'Machine', {
    definitionBody: DefinitionBody.fromChainable(build(stack)),
    timeout: Duration.minutes(5),
  });
  return { app, stack, stateMachine };
}

/** The logical id CloudFormation gives an L2 construct's resource. */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
}
