import type { HistoryEvent } from '@aws-sdk/client-sfn';

/**
 * One event of a recorded execution, in the shape of Step Functions' `GetExecutionHistory`
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html), with the
 * timestamp as ISO-8601 text because it is stored as JSON.
 */
export type RecordedHistoryEvent = Omit<HistoryEvent, 'timestamp'> & { timestamp: string };

/** Where an execution stands; `RUNNING` until the recorder writes its end. */
export type RecordedStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** One line of a run's summary of changes (`create topic orders.events`). */
export interface RecordedChange {
  kind: string;
  id: string;
  action: string;
  detail?: string;
}

/** What `DescribeExecution` would say about a local execution, plus what the console lists. */
export interface ExecutionRecord {
  /** Directory name under the history root: sortable, URL-safe, unique. */
  id: string;
  /** Which machine ran: `onboarding`, `offboarding`, `dlq-replay` … */
  workflow: string;
  /** `$$.Execution.Name`. */
  name: string;
  /** `input.requestId` (a replay's `input.replayId`) when the input has one. */
  requestId?: string;
  status: RecordedStatus;
  startDate: string;
  stopDate?: string;
  durationMs?: number;
  /** Redacted JSON text, as in `DescribeExecution`. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** State transitions as Step Functions bills them. */
  transitions?: number;
  /** What the run changed (or would change, on a dry run), when the workflow reports it. */
  changes?: RecordedChange[];
  dryRun?: boolean;
  /** The process that runs it: a RUNNING execution whose process is gone was abandoned. */
  pid: number;
}
