import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

/** The ARN Step Functions gives an execution of `stateMachineArn` named `name`. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/**
 * Starts the execution named after the request. Step Functions deduplicates by name: the same name and
 * input while running returns the running execution; a closed one answers ExecutionAlreadyExists, and
 * then we follow that earlier execution instead of starting a second one.
 */
export async function startOrJoinExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  name: string,
  input: unknown,
): Promise<{ executionArn: string; joined: boolean }> {
  try {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
    return { executionArn: started.executionArn as string, joined: false };
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    const executionArn = executionArnOf(stateMachineArn, name);
    await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return { executionArn, joined: true };
  }
}
