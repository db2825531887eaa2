import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { exampleContext } from '../helpers/deployContext';

type AlarmProps = {
  MetricName?: string;
  Namespace?: string;
  Threshold: number;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
  Dimensions?: { Name: string; Value: unknown }[];
};

const built = buildAppWithoutBundling(exampleContext());
const PRODUCER_TOPIC = 'arn:aws-cn:sns:cn-northwest-1:111122223333:platform-alarms';
const CONSUMER_TOPIC = 'arn:aws-cn:sns:cn-northwest-1:444455556666:analytics-alarms';

function alarms(template: Template): AlarmProps[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
    (a) => (a as { Properties: AlarmProps }).Properties,
  );
}

/** `<namespace>/<metric> ≥ <threshold>` of every alarm, sorted, each once. */
function alarmKinds(template: Template): string[] {
  return [...new Set(alarms(template).map((a) => `${a.Namespace}/${a.MetricName} ≥ ${a.Threshold}`))].sort();
}

/** Alarms on `metric` whose dimensions refer to a resource whose logical id starts with `prefix`. */
function alarmsOn(template: Template, metric: string, prefix: string): AlarmProps[] {
  return alarms(template).filter(
    (a) => a.MetricName === metric && JSON.stringify(a.Dimensions ?? []).includes(`"${prefix}`),
  );
}

describe('Monitoring', () => {
  it('alarms on failed and timed-out executions, task errors and throttles, and API 5XX, to the alarm topic', () => {
    // Prepare
    const template = Template.fromStack(built.onboarding);

    // Act
    const kinds = alarmKinds(template);

    // Assess
    expect(kinds).toEqual([
      'AWS/ApiGateway/5XXError ≥ 1',
      'AWS/Lambda/Errors ≥ 1',
      'AWS/Lambda/Throttles ≥ 1',
      'AWS/States/ExecutionsFailed ≥ 1',
      'AWS/States/ExecutionsTimedOut ≥ 1',
    ]);
    const tasks = Object.keys(template.findResources('AWS::Lambda::Function'));
    expect(alarms(template).filter((a) => a.MetricName === 'Errors')).toHaveLength(tasks.length);
    expect(alarmsOn(template, 'ExecutionsFailed', 'WorkflowsOnboarding')).toHaveLength(1);
    for (const alarm of alarms(template)) {
      expect(alarm.AlarmActions).toEqual([PRODUCER_TOPIC]);
      expect(alarm.OKActions).toEqual([PRODUCER_TOPIC]);
    }
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'MskFlows-prod-Onboarding',
    });
  });

  it("alarms on the bridge's iterator age and on depth and age of every queue that holds failures", () => {
    // Prepare
    const template = Template.fromStack(built.ingest);

    // Act
    const kinds = alarmKinds(template);

    // Assess
    expect(kinds).toEqual([
      'AWS/Lambda/Errors ≥ 1',
      'AWS/Lambda/IteratorAge ≥ 600000',
      'AWS/Lambda/Throttles ≥ 1',
      'AWS/SQS/ApproximateAgeOfOldestMessage ≥ 86400',
      'AWS/SQS/ApproximateNumberOfMessagesVisible ≥ 1',
    ]);
    expect(alarmsOn(template, 'IteratorAge', 'KinesisToKafkaFunction')).toHaveLength(1);
    for (const queue of [
      'DeadLetters',
      'IotToS3DeadLetterQueue',
      'IotToS3RuleErrorQueue',
      'KinesisToKafkaOnFailure',
    ]) {
      expect(alarmsOn(template, 'ApproximateNumberOfMessagesVisible', queue).length).toBeGreaterThanOrEqual(
        1,
      );
      expect(alarmsOn(template, 'ApproximateAgeOfOldestMessage', queue).length).toBeGreaterThanOrEqual(1);
    }
  });

  it("alarms on the Kafka trigger's offset lag, to the consumer account's own topic", () => {
    // Prepare
    const template = Template.fromStack(built.consumer as never);

    // Act
    const lag = alarmsOn(template, 'OffsetLag', 'KafkaToS3Function');

    // Assess
    expect(lag).toEqual([
      expect.objectContaining({ Namespace: 'AWS/Lambda', Threshold: 10_000, AlarmActions: [CONSUMER_TOPIC] }),
    ]);
    expect(alarmsOn(template, 'ApproximateNumberOfMessagesVisible', 'KafkaToS3OnFailure')).toHaveLength(1);
    expect(alarmKinds(template)).toContain('AWS/ApiGateway/5XXError ≥ 1');
  });

  it('still alarms, on the dashboard only, when no alarm topic is configured', () => {
    // Act
    const template = Template.fromStack(buildAppWithoutBundling({}).onboarding);

    // Assess
    expect(alarms(template).length).toBeGreaterThan(0);
    for (const alarm of alarms(template)) expect(alarm.AlarmActions).toBeUndefined();
  });

  it("lists every alarm on the dashboard's status widget", () => {
    // Prepare
    const template = Template.fromStack(built.ingest);
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as {
      Properties: { DashboardBody: unknown };
    }[];

    // Act
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    // Assess
    for (const id of Object.keys(template.findResources('AWS::CloudWatch::Alarm')))
      expect(body).toContain(`"${id}"`);
  });
});
