import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface ReplayAlarmsProps {
  queues: { id: string; queue: IQueue }[];
  stateMachine: IStateMachine;
  /** Messages in a DLQ for 15 minutes (three 5-minute periods) that raise the depth alarm. */
  depth: number;
  /** Age of the oldest message that raises the age alarm (seconds). */
  ageSeconds: number;
  action?: IAlarmAction;
}

/**
 * CloudWatch alarms: per DLQ its depth (scheduled replays should drain it; what stays is poison nobody
 * parked or a target that refuses) and the age of its oldest message (records nearing the 14-day SQS
 * retention, or Kafka/Kinesis retention for on-failure records); and failed or timed-out replays.
 */
export class ReplayAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ReplayAlarmsProps) {
    super(scope, id);
    for (const { id: queueId, queue } of props.queues) {
      this.add(
        new Alarm(this, `${queueId}Depth`, {
          alarmDescription: `msk-flows: ${queueId} holds dead letters that scheduled replays did not clear`,
          metric: queue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(5),
            statistic: 'Maximum',
          }),
          threshold: props.depth,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        props.action,
      );
      this.add(
        new Alarm(this, `${queueId}OldestAge`, {
          alarmDescription: `msk-flows: the oldest dead letter in ${queueId} is older than ${props.ageSeconds} s`,
          metric: queue.metricApproximateAgeOfOldestMessage({
            period: Duration.minutes(5),
            statistic: 'Maximum',
          }),
          threshold: props.ageSeconds,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        props.action,
      );
    }
    for (const [name, metric] of [
      ['ReplayFailed', props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' })],
      [
        'ReplayTimedOut',
        props.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' }),
      ],
    ] as const) {
      this.add(
        new Alarm(this, name, {
          alarmDescription: `msk-flows: a DLQ replay execution ${name === 'ReplayFailed' ? 'failed' : 'timed out'}`,
          metric,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        props.action,
      );
    }
  }

  private add(alarm: Alarm, action: IAlarmAction | undefined): void {
    if (action) alarm.addAlarmAction(action);
    this.alarms.push(alarm);
  }
}
