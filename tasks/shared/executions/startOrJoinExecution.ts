import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ExecutionInProgressError, ExecutionStartError, TooManyRunsError } from './errors';
import { executionArnOf, executionNameForRun, MAX_RUNS } from './names';

/** What to run: the request (the execution's input) on one state machine. */
export interface ExecutionRequest {
  stateMachineArn: string;
  requestId: string;
  /** The execution input: the request as sent (with `dryRun` when asked for). */
  input: unknown;
  /** The input's field that holds `requestId`: `requestId` (default; onboarding) or `replayId` (replays). */
  idField?: string;
}

/** The execution that now carries the request. */
export interface RequestExecution {
  executionArn: string;
  name: string;
  /** 1 for the first run of the request, n for its n-th. */
  run: number;
  /** True when an execution with the same input was already running and is followed instead. */
  joined: boolean;
}

const RUNNING = new Set(['RUNNING', 'PENDING_REDRIVE']);

/** JSON with object keys sorted, so two equal inputs compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function parsed(input: string | undefined): unknown {
  try {
    return input === undefined ? undefined : JSON.parse(input);
  } catch {
    return undefined;
  }
}

async function describe(
  sfn: SFNClient,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput | undefined> {
  try {
    return await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
}

/**
 * Starts the request's next run, or joins the one still running. Runs are named after the requestId
 * (`executionNameForRun`): the first free name is started; a run still going with the same input is
 * joined (a request started twice runs once), with another input it is an ExecutionInProgressError; a
 * closed run (succeeded, failed, aborted, timed out, a dry run) leaves the request free to run again,
 * and every task is idempotent, so a rerun of a succeeded request changes nothing and reports `none`.
 */
export async function startOrJoinExecution(
  sfn: SFNClient,
  request: ExecutionRequest,
): Promise<RequestExecution> {
  const { stateMachineArn, requestId } = request;
  const input = canonical(request.input);
  for (let run = 1; run <= MAX_RUNS; run++) {
    const name = executionNameForRun(requestId, run);
    const executionArn = executionArnOf(stateMachineArn, name);
    let existing = await describe(sfn, executionArn);
    if (!existing) {
      try {
        const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
        return { executionArn: started.executionArn ?? executionArn, name, run, joined: false };
      } catch (error) {
        // Someone took the name between our look and our start: see what they started.
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
        existing = await describe(sfn, executionArn);
      }
    }
    // Never guess past a name we cannot read: a second run beside a running one is what must not happen.
    if (!existing)
      throw new ExecutionStartError(`${executionArn} exists but cannot be read yet; try again`, requestId);
    const theirs = parsed(existing.input) as Record<string, unknown> | undefined;
    // A requestId of its own can look like a rerun name of another request: not ours, skip it.
    if (theirs?.[request.idField ?? 'requestId'] !== requestId) continue;
    if (!RUNNING.has(existing.status ?? '')) continue;
    if (canonical(theirs) === input) return { executionArn, name, run, joined: true };
    throw new ExecutionInProgressError(requestId, executionArn);
  }
  throw new TooManyRunsError(requestId, MAX_RUNS);
}
