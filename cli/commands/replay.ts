import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ensureLocalStack } from '../../scripts/local/index';
import { localPaths } from '../../scripts/local/paths';
import { ReplayRequestError } from '../../tasks/replay/errors';
import { parseReplayRequest } from '../../tasks/replay/request/parse';
import type { ReplayRequest } from '../../tasks/replay/request/schema';
import { startOrJoinExecution } from '../../tasks/shared/executions/startOrJoinExecution';
import type { RunEvent } from '../../workflows/local';
import type { ReplayArgs } from '../args';
import { localReplayDeps } from '../local/replayTasks';
import { runReplayLocally } from '../local/runReplayLocally';
import { followExecution } from '../remote/followExecution';
import { LOCAL_CLUSTER, replayRequestOf } from '../replayRequest';
import { formatReplaySummary, type ReplayRunSummary, replaySummaryOf } from '../replaySummary';
import { formatProgress } from '../summary';
import { type CliOutput, EXIT } from './workflow';

function progressLine(event: RunEvent) {
  if (!event.state) return undefined;
  const detail =
    event.state === 'Replay Batch' && event.type === 'StateExited'
      ? roundDetail(event.output)
      : event.error?.name;
  const what = {
    StateEntered: 'entered',
    StateExited: 'succeeded',
    StateRetried: 'retrying',
    StateFailed: 'failed',
    StateCaught: 'caught',
  } as const;
  const kind = what[event.type as keyof typeof what];
  return kind ? { at: event.at, state: event.state, what: kind, detail } : undefined;
}

function roundDetail(output: unknown): string | undefined {
  const p = (output as { progress?: Record<string, number> } | undefined)?.progress;
  return p ? `replayed ${p.replayed}, parked ${p.parked}, skipped ${p.skipped} so far` : undefined;
}

async function runLocal(
  args: ReplayArgs,
  request: ReplayRequest,
  raw: unknown,
  output: CliOutput,
): Promise<ReplayRunSummary> {
  const { stack } = await ensureLocalStack({ log: (m) => output.err(`[local stack] ${m}`) });
  const local = stack.kafka?.bootstrapServers.join(',');
  if (
    request.target.kind === 'topic' &&
    request.target.cluster.kind === 'self-managed' &&
    request.target.cluster.bootstrapServers.join(',') !== local
  ) {
    throw new ReplayRequestError([
      { path: 'target.cluster.bootstrapServers', message: `--local expects the local stack's ${local}` },
    ]);
  }
  let lastProgress: Record<string, unknown> | undefined;
  const result = await runReplayLocally({
    input: raw,
    executionName: request.replayId,
    deps: localReplayDeps(stack, localPaths().stackFile),
    onEvent: (event) => {
      if (event.type === 'StateExited' && event.state === 'Replay Batch') {
        lastProgress = (event.output as { progress?: Record<string, unknown> } | undefined)?.progress;
      }
      const line = progressLine(event);
      if (line && !args.json) output.out(formatProgress(line));
    },
  });
  return replaySummaryOf(result, `local:dlq-replay:${request.replayId}`, request.replayId, lastProgress);
}

async function runOnAws(
  args: ReplayArgs,
  request: ReplayRequest,
  raw: unknown,
  output: CliOutput,
): Promise<ReplayRunSummary> {
  const sfn = new SFNClient({ region: args.region });
  const { executionArn, joined } = await startOrJoinExecution(sfn, {
    stateMachineArn: args.stateMachineArn as string,
    requestId: request.replayId,
    input: raw,
    idField: 'replayId',
  });
  if (!args.json) output.out(`${joined ? 'following existing' : 'started'} ${executionArn}`);
  const followed = await followExecution({
    sfn,
    executionArn,
    onProgress: (line) => {
      if (!args.json) output.out(formatProgress(line));
    },
  });
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const machineOutput = described.output ? JSON.parse(described.output) : undefined;
  return replaySummaryOf(
    { status: followed.status, output: machineOutput, error: followed.error },
    executionArn,
    request.replayId,
  );
}

/**
 * `msk-flows replay`: validates the request first (exit 2, nothing touched), then runs the synthesized
 * replay machine in-process against the local stack (`--local`) or starts and follows it on AWS.
 * Exit 0 when the replay succeeded, 1 when it failed (a replay of the same queue already running included).
 */
export async function runReplayCommand(args: ReplayArgs, output: CliOutput): Promise<number> {
  try {
    const raw = replayRequestOf(args);
    if (args.local && (raw.target as { kind?: string } | undefined)?.kind === 'topic') {
      (raw.target as Record<string, unknown>).cluster ??= LOCAL_CLUSTER;
    }
    const request = parseReplayRequest(raw);
    const summary = args.local
      ? await runLocal(args, request, raw, output)
      : await runOnAws(args, request, raw, output);
    output.out(args.json ? JSON.stringify(summary) : formatReplaySummary(summary));
    return summary.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof ReplayRequestError) {
      output.err('replay request invalid:');
      for (const issue of error.issues) output.err(`  ${issue.path}: ${issue.message}`);
      return EXIT.invalid;
    }
    throw error;
  }
}
