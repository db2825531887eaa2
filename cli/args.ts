import { parseArgs } from 'node:util';

/** A command line that cannot be run as given; the CLI prints it and exits 2. */
export class UsageError extends Error {
  /** False when the command line was fine but what it names is not (an unreadable file): no usage text then. */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.showUsage = options.showUsage ?? true;
  }
}

export interface WorkflowArgs {
  command: 'onboard' | 'offboard';
  requestFile: string;
  local: boolean;
  stateMachineArn?: string;
  region?: string;
  dryRun: boolean;
  json: boolean;
  /** `--policy FILE` (local runs): the platform policy; default `.local/platform-policy.json` when present. */
  policyFile?: string;
}

export interface InvokeArgs {
  command: 'invoke';
  functionName: string;
  eventFile: string;
  local: boolean;
  env: Record<string, string>;
}

export interface ConsoleArgs {
  command: 'console';
  local: true;
  port: number;
}

export interface ReplayArgs {
  command: 'replay';
  local: boolean;
  stateMachineArn?: string;
  region?: string;
  /** A whole replay request; the flags below build one instead. */
  requestFile?: string;
  /** `sqs:<queueUrl>`. */
  source?: string;
  /** `topic:<name>`, `sqs:<queueUrl>` or `lambda:<functionArn>`. */
  target?: string;
  /** With --state-machine and a topic target: the MSK cluster to produce to. */
  clusterArn?: string;
  replayId?: string;
  maxMessages?: string;
  maxSeconds?: string;
  rate?: string;
  maxAttempts?: string;
  allowOriginalTopic: boolean;
  dryRun: boolean;
  json: boolean;
}

/** `msk-flows reconcile`: finish unfinished runs from the ownership registry (local stack). */
export interface ReconcileArgs {
  command: 'reconcile';
  local: true;
  principal?: string;
  requestId?: string;
  dryRun: boolean;
  json: boolean;
}

export type CliArgs =
  | WorkflowArgs
  | InvokeArgs
  | ConsoleArgs
  | ReplayArgs
  | ReconcileArgs
  | { command: 'help' };

export const USAGE = `msk-flows — onboard principals onto Kafka, replay dead letters, run our Lambdas locally

  msk-flows onboard  --request FILE (--local [--policy FILE] | --state-machine ARN [--region R]) [--dry-run] [--json]
  msk-flows offboard --request FILE (--local [--policy FILE] | --state-machine ARN [--region R]) [--json]
  msk-flows invoke   <function> --local --event FILE [--env KEY=VALUE …]
  msk-flows console  --local [--port N]     web console on 127.0.0.1 (default port 3030)
  msk-flows reconcile --local [--principal P] [--request-id R] [--dry-run] [--json]
                     finish what crashed or half-undone onboarding runs left (ownership registry)
  msk-flows replay   (--local | --state-machine ARN [--region R]) (--request FILE |
                     --source sqs:<queueUrl> --target topic:<name>|sqs:<queueUrl>|lambda:<arn> [--cluster-arn ARN])
                     [--replay-id ID] [--max-messages N] [--max-seconds N] [--rate N] [--max-attempts N]
                     [--allow-original-topic] [--dry-run] [--json]

Exit codes: 0 succeeded, 1 failed (after compensation), 2 invalid request or usage.`;

function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

function consoleArgs(v: Record<string, unknown>): ConsoleArgs {
  if (!v.local) throw new UsageError('console shows local executions only: add --local');
  const text = (v.port as string | undefined) ?? '3030';
  const port = Number(text);
  if (!/^[0-9]{1,5}$/.test(text) || port < 1 || port > 65_535) {
    throw new UsageError(`--port must be a port number 1-65535, got "${text}"`);
  }
  return { command: 'console', local: true, port };
}

/** Parses argv (without node and script) into one command, or throws UsageError naming what is wrong. */
export function parseCliArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: command === 'invoke',
      options: {
        request: { type: 'string' },
        local: { type: 'boolean', default: false },
        'state-machine': { type: 'string' },
        region: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        event: { type: 'string' },
        env: { type: 'string', multiple: true, default: [] },
        port: { type: 'string' },
        source: { type: 'string' },
        target: { type: 'string' },
        'cluster-arn': { type: 'string' },
        'replay-id': { type: 'string' },
        'max-messages': { type: 'string' },
        'max-seconds': { type: 'string' },
        rate: { type: 'string' },
        'max-attempts': { type: 'string' },
        'allow-original-topic': { type: 'boolean', default: false },
        principal: { type: 'string' },
        'request-id': { type: 'string' },
        policy: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (command === 'onboard' || command === 'offboard') {
    const requestFile = v.request as string | undefined;
    const stateMachineArn = v['state-machine'] as string | undefined;
    if (!requestFile) throw new UsageError('--request FILE is required');
    if (Boolean(v.local) === Boolean(stateMachineArn)) {
      throw new UsageError('give exactly one of --local or --state-machine ARN');
    }
    if (v.policy && stateMachineArn) {
      throw new UsageError(
        '--policy is for --local runs: a deployment enforces its msk-flows:platformPolicy',
      );
    }
    return {
      command,
      requestFile,
      local: Boolean(v.local),
      stateMachineArn,
      region: v.region as string | undefined,
      dryRun: Boolean(v['dry-run']),
      json: Boolean(v.json),
      ...(v.policy ? { policyFile: v.policy as string } : {}),
    };
  }
  if (command === 'invoke') {
    const functionName = parsed.positionals[0];
    if (!functionName)
      throw new UsageError('invoke needs a function name, e.g. `msk-flows invoke kafka-to-s3 …`');
    if (!v.local) throw new UsageError('invoke runs handlers locally only: add --local');
    if (!v.event) throw new UsageError('--event FILE is required');
    return {
      command,
      functionName,
      eventFile: v.event as string,
      local: true,
      env: parseEnv(v.env as string[]),
    };
  }
  if (command === 'console') return consoleArgs(v);
  if (command === 'replay') return replayArgs(v);
  if (command === 'reconcile') {
    if (!v.local) throw new UsageError('reconcile runs against the local stack only: add --local');
    return {
      command: 'reconcile',
      local: true,
      principal: v.principal as string | undefined,
      requestId: v['request-id'] as string | undefined,
      dryRun: Boolean(v['dry-run']),
      json: Boolean(v.json),
    };
  }
  throw new UsageError(`unknown command "${command}"`);
}

function replayArgs(v: Record<string, string | boolean | string[] | undefined>): ReplayArgs {
  const stateMachineArn = v['state-machine'] as string | undefined;
  if (Boolean(v.local) === Boolean(stateMachineArn)) {
    throw new UsageError('give exactly one of --local or --state-machine ARN');
  }
  const requestFile = v.request as string | undefined;
  if (!requestFile && (!v.source || !v.target)) {
    throw new UsageError('replay needs --request FILE, or --source sqs:<queueUrl> and --target …');
  }
  const text = (name: string) => v[name] as string | undefined;
  return {
    command: 'replay',
    local: Boolean(v.local),
    stateMachineArn,
    region: text('region'),
    requestFile,
    source: text('source'),
    target: text('target'),
    clusterArn: text('cluster-arn'),
    replayId: text('replay-id'),
    maxMessages: text('max-messages'),
    maxSeconds: text('max-seconds'),
    rate: text('rate'),
    maxAttempts: text('max-attempts'),
    allowOriginalTopic: Boolean(v['allow-original-topic']),
    dryRun: Boolean(v['dry-run']),
    json: Boolean(v.json),
  };
}
