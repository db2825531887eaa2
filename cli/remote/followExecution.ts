import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { ProgressLine, RunSummary } from '../summary';

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/**
 * Maps one Step Functions history event to a progress line, or undefined for the noise. Failure events
 * carry no state name, so the caller passes the state entered last.
 */
export function progressOf(
  event: HistoryEvent,
  startedAt: number,
  currentState = '?',
): ProgressLine | undefined {
  const at = (event.timestamp?.getTime() ?? startedAt) - startedAt;
  if (event.stateEnteredEventDetails?.name) {
    return { at, state: event.stateEnteredEventDetails.name, what: 'entered' };
  }
  if (event.stateExitedEventDetails?.name) {
    return { at, state: event.stateExitedEventDetails.name, what: 'succeeded' };
  }
  const failed = event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails;
  if (failed) return { at, state: currentState, what: 'failed', detail: failed.error };
  return undefined;
}

export interface FollowOptions {
  sfn: SFNClient;
  executionArn: string;
  onProgress?: (line: ProgressLine) => void;
  /** Pause between history polls; default 2 s. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Follows an execution's history to its end, reporting each state, and returns its summary. */
export async function followExecution(options: FollowOptions): Promise<RunSummary> {
  const { sfn, executionArn } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let nextToken: string | undefined;
  let startedAt: number | undefined;
  let currentState: string | undefined;
  // Each poll reads the history from its start (a nextToken only pages within one read): skip what was seen.
  let lastSeenId = 0;
  for (;;) {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 200 }));
    let done = false;
    for (const event of page.events ?? []) {
      if ((event.id ?? 0) <= lastSeenId) continue;
      lastSeenId = event.id ?? lastSeenId;
      startedAt ??= event.timestamp?.getTime() ?? Date.now();
      const line = progressOf(event, startedAt, currentState);
      if (line?.what === 'entered') currentState = line.state;
      if (line) options.onProgress?.(line);
      if (event.type && TERMINAL.has(event.type)) done = true;
    }
    if (page.nextToken) {
      nextToken = page.nextToken;
      continue;
    }
    if (done) break;
    nextToken = undefined;
    await sleep(options.pollMs ?? 2000);
  }
  return summarizeExecution(sfn, executionArn);
}

/** DescribeExecution turned into our summary (the output of our machines carries `changes`). */
export async function summarizeExecution(sfn: SFNClient, executionArn: string): Promise<RunSummary> {
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const output = described.output ? (JSON.parse(described.output) as Record<string, unknown>) : {};
  const status = (described.status ?? 'FAILED') as RunSummary['status'];
  return {
    status: status === 'SUCCEEDED' ? 'SUCCEEDED' : status,
    execution: executionArn,
    dryRun: output.dryRun === true ? true : undefined,
    changes: Array.isArray(output.changes) ? (output.changes as RunSummary['changes']) : [],
    error: described.error ? { name: described.error, cause: described.cause ?? '' } : undefined,
  };
}
