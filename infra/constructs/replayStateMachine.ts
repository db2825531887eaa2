import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  QueryLanguage,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ReplayFunctions } from '../../workflows/dlq-replay/functions';
import { replayDefinition } from '../../workflows/dlq-replay/index';

export interface ReplayStateMachineProps {
  stage: string;
  functions: ReplayFunctions;
}

/**
 * The DLQ replay state machine: Standard (a replay can run for hours, waits cost nothing), JSONPath (what
 * the local engine runs), logged without execution data (payloads stay out of logs), traced.
 */
export class ReplayStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: ReplayStateMachineProps) {
    super(scope, id);
    this.stateMachineName = `msk-flows-${props.stage}-dlq-replay`;
    const logs = new LogGroup(this, 'ExecutionLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new StateMachine(this, 'DlqReplay', {
      stateMachineName: this.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      comment:
        'Replay one dead-letter queue into a topic, function or queue; poison parked in S3, nothing lost',
      definitionBody: DefinitionBody.fromChainable(
        replayDefinition(new Construct(this, 'States'), props.functions),
      ),
      // maxSeconds is at most 12 h; the lock's grace and the last round fit in the extra hour.
      timeout: Duration.hours(13),
    });
  }
}
