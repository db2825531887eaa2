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
import { offboardingDefinition } from '../../workflows/offboarding/index';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { onboardingDefinition } from '../../workflows/onboarding/index';

export interface OnboardingStateMachinesProps {
  stage: string;
  onboarding: OnboardingFunctions;
  offboarding: OffboardingFunctions;
}

/**
 * The onboarding and offboarding state machines: Standard type (exactly-once, execution names dedupe a
 * request started twice), JSONPath (what the local engine runs), logged and traced.
 */
export class OnboardingStateMachines extends Construct {
  readonly onboarding: StateMachine;
  readonly offboarding: StateMachine;
  readonly onboardingName: string;
  readonly offboardingName: string;

  constructor(scope: Construct, id: string, props: OnboardingStateMachinesProps) {
    super(scope, id);
    this.onboardingName = `msk-flows-${props.stage}-onboarding`;
    this.offboardingName = `msk-flows-${props.stage}-offboarding`;
    const logs = new LogGroup(this, 'ExecutionLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      stateMachineType: StateMachineType.STANDARD,
      queryLanguage: QueryLanguage.JSON_PATH,
      tracingEnabled: true,
      // Execution data stays out of the logs: the state holds no secret by design, but requests and
      // ledgers are still an audit trail best read from the execution history with IAM.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    };
    this.onboarding = new StateMachine(this, 'Onboarding', {
      ...common,
      stateMachineName: this.onboardingName,
      comment: 'Onboard a principal onto a Kafka cluster: credentials, topics, ACLs, verified, compensated',
      definitionBody: DefinitionBody.fromChainable(
        onboardingDefinition(new Construct(this, 'OnboardingStates'), props.onboarding),
      ),
      // MSK propagates a new SCRAM secret within ~10 minutes; a rolling cluster update can take 30+, and
      // private access may first wait for another onboarding's cluster lock.
      timeout: Duration.hours(4),
    });
    const offboardingScope = new Construct(this, 'OffboardingStates');
    this.offboarding = new StateMachine(this, 'Offboarding', {
      ...common,
      stateMachineName: this.offboardingName,
      comment: 'Offboard a principal: revoke its ACLs, remove its SCRAM credentials, optionally its topics',
      definitionBody: DefinitionBody.fromChainable(
        offboardingDefinition(offboardingScope, props.offboarding),
      ),
      timeout: Duration.hours(1),
    });
  }
}
