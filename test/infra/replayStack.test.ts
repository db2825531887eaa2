import { describe, expect, it } from '@jest/globals';
import type { CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import type { TaskFunction } from '../../infra/constructs/taskFunction';
import { awsSolutionsFindings, privateKmsBucket } from '../helpers/cdkAssertions';
import { replayContext } from '../helpers/deployContext';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

describe('ReplayStack', () => {
  const { app, replay: stack } = buildAppWithoutBundling(replayContext());
  if (!stack) throw new Error('replayContext() configures the Replay stack');
  const replay = stack;
  const template = Template.fromStack(replay);
  const roleOf = (key: keyof typeof replay.functions.functions) =>
    replay.resolve(
      ((replay.functions.functions[key] as TaskFunction).executionRole.node.defaultChild as CfnResource)
        .logicalId,
    ) as string;

  /** The distinct actions a task's role is granted, sorted (policies attached to its role). */
  function actionsOf(key: keyof typeof replay.functions.functions): string[] {
    const role = roleOf(key);
    const policies = template.findResources('AWS::IAM::Policy') as Record<
      string,
      { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }
    >;
    return Object.values(policies)
      .filter((p) => p.Properties.Roles.some((r) => r.Ref === role))
      .flatMap((p) =>
        p.Properties.PolicyDocument.Statement.flatMap((s) =>
          Array.isArray(s.Action) ? s.Action : [s.Action],
        ),
      )
      .filter((a, i, all) => !a.startsWith('logs:') && !a.startsWith('xray:') && all.indexOf(a) === i)
      .sort();
  }

  it('deploys the replay as a Standard state machine, logged without execution data and traced', () => {
    // Assess
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'msk-flows-dev-dlq-replay',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('schedules a replay of each ingest dead-letter queue every 15 minutes, without retries piling up', () => {
    // Assess
    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('DlqReplay') },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }),
      }),
    });
  });

  it('parks in a private, KMS-encrypted, versioned bucket whose parked objects and locks expire', () => {
    // Assess
    template.hasResourceProperties('AWS::S3::Bucket', {
      ...privateKmsBucket,
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'parked/', ExpirationInDays: 365 }),
          Match.objectLike({ Prefix: 'locks/', ExpirationInDays: 2 }),
        ]),
      },
    });
  });

  it("alarms on every dead-letter queue's depth and oldest age, and on failed or timed-out replays", () => {
    // Assess
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 * 2 + 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 21_600,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Namespace: 'AWS/States',
    });
  });

  it('grants each task exactly the actions its code calls', () => {
    // Assess
    expect(actionsOf('validateRequest')).toEqual([]);
    expect(actionsOf('surveyQueue')).toEqual([
      'kms:Decrypt',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
    ]);
    expect(actionsOf('acquireLock')).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(actionsOf('releaseLock')).toEqual(['kms:Decrypt', 's3:DeleteObject', 's3:GetObject']);
    expect(actionsOf('replayBatch')).toEqual(
      [
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        's3:GetObject',
        's3:PutObject',
        'secretsmanager:GetSecretValue',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
      ].sort(),
    );
  });

  it('builds every ARN with the partition and has no unacknowledged cdk-nag finding', () => {
    // Assess
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"arn:aws:/);
    expect(awsSolutionsFindings(app, replay)).toEqual([]);
  });
});
