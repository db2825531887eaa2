import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ensureLocalStack } from '../../scripts/local/index';
import { repoRoot } from '../../scripts/local/paths';
import { mskCredentialsDeps } from '../../tasks/onboarding/credentials/msk/clients';
import { RequestValidationError } from '../../tasks/onboarding/errors';
import { PlatformPolicyViolationError } from '../../tasks/onboarding/guardRails/errors';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import { registryAccessVia } from '../../tasks/onboarding/registry/access';
import { type OnboardingRequest, parseOnboardingRequest } from '../../tasks/onboarding/request';
import { executionNameFor } from '../../tasks/onboarding/request/names';
import { startOrJoinExecution } from '../../tasks/shared/executions/startOrJoinExecution';
import type { RunEvent } from '../../workflows/local';
import type { WorkflowArgs } from '../args';
import { localConnectorDeps } from '../local/connectorTasks';
import { localPlatformPolicy } from '../local/platformPolicy';
import { runWorkflowLocally, summarizeLocalRun } from '../local/runWorkflowLocally';
import { parseJsonText, readInputFile } from '../readInputFile';
import { followExecution } from '../remote/followExecution';
import { formatProgress, formatSummary, type ProgressLine, type RunSummary } from '../summary';

/** Where the CLI writes: injectable so tests read what a person would see. */
export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 succeeded, 1 failed (after compensation), 2 request invalid (nothing touched). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

function readRequest(file: string): unknown {
  const parsed = parseJsonText(readInputFile('--request', file));
  if (!parsed.ok) throw new RequestValidationError([{ path: '(request)', message: parsed.reason }]);
  return parsed.value;
}

function progressOfLocal(event: RunEvent): ProgressLine | undefined {
  if (!event.state) return undefined;
  if (event.type === 'StateEntered') return { at: event.at, state: event.state, what: 'entered' };
  if (event.type === 'StateExited') return { at: event.at, state: event.state, what: 'succeeded' };
  if (event.type === 'StateRetried') {
    return { at: event.at, state: event.state, what: 'retrying', detail: event.error?.name };
  }
  if (event.type === 'StateFailed')
    return { at: event.at, state: event.state, what: 'failed', detail: event.error?.name };
  if (event.type === 'StateCaught')
    return { at: event.at, state: event.state, what: 'caught', detail: event.error?.name };
  return undefined;
}

async function runLocal(
  args: WorkflowArgs,
  request: OnboardingRequest,
  output: CliOutput,
): Promise<RunSummary> {
  if (request.cluster.kind !== 'self-managed') {
    throw new RequestValidationError([
      {
        path: 'cluster.kind',
        message:
          '--local runs against the local stack: use { "kind": "self-managed", "bootstrapServers": ["127.0.0.1:9096"] }',
      },
    ]);
  }
  const { stack } = await ensureLocalStack({
    services: ['kafka'],
    log: (m) => output.err(`[local stack] ${m}`),
  });
  const localServers = stack.kafka?.bootstrapServers ?? [];
  if (request.cluster.bootstrapServers.join(',') !== localServers.join(',')) {
    throw new RequestValidationError([
      {
        path: 'cluster.bootstrapServers',
        message: `--local expects the local stack's ${localServers.join(',')}`,
      },
    ]);
  }
  const workflow = args.command === 'onboard' ? 'onboarding' : 'offboarding';
  const { policy } = localPlatformPolicy(args.policyFile);
  const execution = `local:${workflow}:${executionNameFor(request.requestId)}`;
  const result = await runWorkflowLocally({
    workflow,
    input: args.dryRun ? { ...(request as object), dryRun: true } : request,
    executionName: executionNameFor(request.requestId),
    deps: { ...localWorkflowDeps(join(repoRoot(), '.local', 'stack.json')), policy },
    onEvent: (event) => {
      const line = progressOfLocal(event);
      if (line && !args.json) output.out(formatProgress(line));
    },
  });
  return summarizeLocalRun(result, execution);
}

/** The local run's deps: the local broker, its secret files, the local Kafka Connect worker. */
function localWorkflowDeps(stackFile: string) {
  const kafka = createKafkaTaskDeps({ localStackFile: stackFile });
  // MSK credential steps record in the registry of the cluster as this run reaches it.
  const msk = { ...mskCredentialsDeps, registry: registryAccessVia(kafka.connect) };
  return { kafka, msk, connectors: localConnectorDeps(stackFile, kafka.secrets) };
}

async function runOnAws(args: WorkflowArgs, request: OnboardingRequest, raw: unknown, output: CliOutput) {
  const sfn = new SFNClient({ region: args.region });
  const input = args.dryRun ? { ...(raw as object), dryRun: true } : raw;
  const { executionArn, joined, run } = await startOrJoinExecution(sfn, {
    stateMachineArn: args.stateMachineArn as string,
    requestId: request.requestId,
    input,
  });
  if (!args.json) {
    output.out(
      joined
        ? `following the running ${executionArn}`
        : `started run ${run} of ${request.requestId}: ${executionArn}`,
    );
  }
  return followExecution({
    sfn,
    executionArn,
    onProgress: (line) => {
      if (!args.json) output.out(formatProgress(line));
    },
  });
}

/** The issues of a run the guard rails refused (one line per field), from the Lambda-style error it carries. */
function policyRefusal(summary: RunSummary): string[] | undefined {
  if (summary.error?.name !== 'PlatformPolicyViolationError') return undefined;
  let message = summary.error.cause;
  try {
    message = (JSON.parse(message) as { errorMessage?: string }).errorMessage ?? message;
  } catch {
    // On AWS the cause may already be the message.
  }
  return message.replace(PlatformPolicyViolationError.PREFIX, '').split('; ');
}

/** `msk-flows onboard|offboard`: validates first (exit 2 touches nothing), then runs and reports. */
export async function runWorkflowCommand(args: WorkflowArgs, output: CliOutput): Promise<number> {
  let request: OnboardingRequest;
  let raw: unknown;
  try {
    raw = readRequest(args.requestFile);
    request = parseOnboardingRequest(raw);
    const summary = args.local
      ? await runLocal(args, request, output)
      : await runOnAws(args, request, raw, output);
    const refusal = policyRefusal(summary);
    output.out(
      args.json
        ? JSON.stringify(summary)
        : formatSummary(refusal ? { ...summary, error: undefined } : summary),
    );
    if (summary.status === 'SUCCEEDED') return EXIT.ok;
    if (!refusal) return EXIT.failed;
    // Refused by the platform policy before any change: an invalid request, like a schema error.
    if (!args.json) {
      output.err('refused by the platform policy (nothing was changed):');
      for (const line of refusal) output.err(`  ${line}`);
    }
    return EXIT.invalid;
  } catch (error) {
    if (error instanceof RequestValidationError) {
      output.err('request invalid:');
      for (const issue of error.issues) output.err(`  ${issue.path}: ${issue.message}`);
      return EXIT.invalid;
    }
    throw error;
  }
}
