import type { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** One dead-letter queue replayed on a schedule: the request the schedule starts the machine with. */
export interface ScheduledReplay {
  /** Construct id and `replayId` suffix, e.g. `DeadLetters`. */
  id: string;
  queue: IQueue;
  /** The request's `target`, tokens allowed (queue URLs, function ARNs). */
  target: Record<string, unknown>;
  filter?: Record<string, unknown>;
}

export interface ReplaySchedulesProps {
  stage: string;
  stateMachine: IStateMachine;
  replays: ScheduledReplay[];
  every: Duration;
  ratePerSecond: number;
  maxMessages: number;
  maxSeconds: number;
}

/** The replay request a schedule sends (a valid request: a test runs the machine with it). */
export function scheduledRequest(
  stage: string,
  replay: ScheduledReplay,
  props: Omit<ReplaySchedulesProps, 'replays' | 'stage' | 'stateMachine' | 'every'>,
) {
  return {
    replayId: `scheduled-${stage}-${replay.id}`,
    source: { kind: 'sqs', queueUrl: replay.queue.queueUrl },
    target: replay.target,
    maxMessages: props.maxMessages,
    maxSeconds: props.maxSeconds,
    ratePerSecond: props.ratePerSecond,
    ...(replay.filter ? { filter: replay.filter } : {}),
  };
}

/**
 * An EventBridge Scheduler schedule per dead-letter queue that starts the replay state machine with a
 * request for that queue. A run that finds another replay of the same queue still going ends with
 * ReplayAlreadyRunning, so overlapping schedules never double-deliver.
 */
export class ReplaySchedules extends Construct {
  readonly schedules: Schedule[];

  constructor(scope: Construct, id: string, props: ReplaySchedulesProps) {
    super(scope, id);
    this.schedules = props.replays.map(
      (replay) =>
        new Schedule(this, replay.id, {
          description: `msk-flows: replay ${replay.id} every ${props.every.toMinutes()} minutes`,
          schedule: ScheduleExpression.rate(props.every),
          target: new StepFunctionsStartExecution(props.stateMachine, {
            input: ScheduleTargetInput.fromObject(scheduledRequest(props.stage, replay, props)),
            // A missed start is made up by the next one: no retries piling up behind a running replay.
            retryAttempts: 0,
          }),
        }),
    );
  }
}
