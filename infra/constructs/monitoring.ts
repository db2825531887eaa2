import { Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  /** The dashboard's name, e.g. `MskFlows-prod-Ingest`. */
  dashboardName: string;
  /** SNS topic (same Region) every alarm notifies on ALARM and OK; none: alarms only show on the dashboard. */
  alarmTopicArn?: string;
}

/** When an alarm fires: at or above `threshold` of the metric's statistic over one period. */
interface AlarmSpec {
  what: string;
  metric: IMetric;
  threshold: number;
  /** Consecutive periods (default 1). */
  periods?: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * One stack's CloudWatch dashboard and alarms. Stacks register what they run (state machines, functions,
 * stream and Kafka triggers, dead-letter queues); each `add…` graphs it and alarms on its failure signals,
 * notifying the alarm topic. Stacks added later (DLQ replay, PrivateLink) register their resources the same way.
 */
export class Monitoring extends Construct {
  readonly dashboard: Dashboard;
  /** Every alarm so far; the dashboard's status widget reads this array when the template is written. */
  readonly alarms: Alarm[] = [];
  private readonly topic?: ITopic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.topic = props.alarmTopicArn
      ? Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : undefined;
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }

  /** Executions that failed or timed out (any is an alarm: the run was undone or is stuck). */
  addStateMachine(label: string, machine: IStateMachine): void {
    const failed = machine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' });
    const timedOut = machine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.row(
      label,
      [
        machine.metricStarted({ period: FIVE_MINUTES }),
        machine.metricSucceeded({ period: FIVE_MINUTES }),
        failed,
        timedOut,
      ],
      [
        { what: 'executions failed', metric: failed, threshold: 1 },
        { what: 'executions timed out', metric: timedOut, threshold: 1 },
      ],
    );
  }

  /** Invocation errors and throttles of a function. */
  addFunction(label: string, fn: IFunction, options: { errorThreshold?: number } = {}): void {
    const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.row(
      label,
      [fn.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
      [
        { what: 'errors', metric: errors, threshold: options.errorThreshold ?? 1 },
        { what: 'throttles', metric: throttles, threshold: 1 },
      ],
    );
  }

  /** A stream trigger falling behind: the age of the newest record the function received (IteratorAge). */
  addStreamTrigger(label: string, fn: IFunction, maxAge: Duration = Duration.minutes(10)): void {
    const age = fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' });
    this.row(
      label,
      [age],
      [
        {
          what: `iterator age ≥ ${maxAge.toHumanString()}`,
          metric: age,
          threshold: maxAge.toMilliseconds(),
          periods: 5,
        },
      ],
    );
  }

  /**
   * A Kafka trigger falling behind: OffsetLag, the records between the topic's end and what the function
   * processed. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
   */
  addKafkaTrigger(label: string, fn: IFunction, maxLag = 10_000): void {
    const lag = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'OffsetLag',
      dimensionsMap: { FunctionName: fn.functionName },
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    this.row(
      label,
      [lag],
      [{ what: `offset lag ≥ ${maxLag} records`, metric: lag, threshold: maxLag, periods: 5 }],
    );
  }

  /** An API's server errors (5XX): a backend (Step Functions, a function) failing its callers. */
  addApi(label: string, api: RestApi): void {
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.row(
      label,
      [
        api.metricCount({ period: FIVE_MINUTES }),
        api.metricClientError({ period: FIVE_MINUTES }),
        serverErrors,
      ],
      [{ what: '5XX responses', metric: serverErrors, threshold: 1 }],
    );
  }

  /** A dead-letter (or on-failure) queue: any message in it, and one left waiting longer than `maxAge`. */
  addDeadLetterQueue(label: string, queue: IQueue, maxAge: Duration = Duration.days(1)): void {
    const depth = queue.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    const age = queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' });
    this.row(
      label,
      [depth, age],
      [
        { what: 'messages waiting', metric: depth, threshold: 1 },
        { what: `oldest message ≥ ${maxAge.toHumanString()}`, metric: age, threshold: maxAge.toSeconds() },
      ],
    );
  }

  private row(label: string, metrics: IMetric[], alarms: AlarmSpec[]): void {
    this.dashboard.addWidgets(new GraphWidget({ title: label, left: metrics, width: 24, height: 6 }));
    for (const spec of alarms) {
      const alarm = new Alarm(this, `${label} ${spec.what}`.replace(/[^A-Za-z0-9]+/g, ''), {
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: spec.periods ?? 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data is no failure: a quiet hour has no errors and no lag.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${Stack.of(this).stackName}: ${label} ${spec.what}`,
      });
      if (this.topic) {
        alarm.addAlarmAction(new SnsAction(this.topic));
        alarm.addOkAction(new SnsAction(this.topic));
      }
      this.alarms.push(alarm);
    }
  }
}
