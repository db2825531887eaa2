import {
  Choice,
  type Condition,
  Pass,
  Result,
  type State,
  type TaskStateBase,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** The states of one polling loop: names and the check task. */
export interface PollLoopProps {
  /** Pass state that starts the poll with `{ attempt: 0 }` at `resultPath`. */
  start: string;
  resultPath: string;
  /** The task that checks once and writes `{ …, waitSeconds }` to `resultPath`. */
  check: TaskStateBase;
  done: { choice: string; condition: Condition };
  /** Wait state reading `<resultPath>.waitSeconds` (the task grows and caps it). */
  wait: string;
  next: State;
}

/**
 * Start → Check → Done? → next, or Wait (growing, capped interval the task chose) → Check. Polls with Wait
 * states, never a sleeping Lambda; the task gives up with a typed error past its own limit.
 */
export function pollLoop(scope: Construct, props: PollLoopProps): State {
  const start = new Pass(scope, props.start, {
    result: Result.fromObject({ attempt: 0 }),
    resultPath: props.resultPath,
  });
  const wait = new Wait(scope, props.wait, { time: WaitTime.secondsPath(`${props.resultPath}.waitSeconds`) });
  const done = new Choice(scope, props.done.choice).when(props.done.condition, props.next).otherwise(wait);
  wait.next(props.check);
  start.next(props.check).next(done);
  return start;
}
