import { KAFKA_CLIENT_PORT, KAFKA_HOST } from '../scripts/local/kafka/version';
import type { ReplayArgs } from './args';
import { readJsonInputFile } from './readInputFile';

/** The local stack's broker as a request's cluster (what `--local --target topic:<name>` produces to). */
export const LOCAL_CLUSTER = {
  kind: 'self-managed',
  bootstrapServers: [`${KAFKA_HOST}:${KAFKA_CLIENT_PORT}`],
} as const;

/** A flag's number, or the text as given (validation then says what is wrong with it). */
function numberOr(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isNaN(n) ? value : n;
}

function targetOf(args: ReplayArgs): unknown {
  const target = args.target ?? '';
  const at = target.indexOf(':');
  const [kind, rest] = at > 0 ? [target.slice(0, at), target.slice(at + 1)] : [target, ''];
  if (kind === 'topic') {
    const cluster = args.local
      ? LOCAL_CLUSTER
      : args.clusterArn
        ? { kind: 'msk', arn: args.clusterArn }
        : undefined;
    return { kind, topic: rest, cluster, ...(args.allowOriginalTopic ? { allowOriginalTopic: true } : {}) };
  }
  if (kind === 'sqs') return { kind, queueUrl: rest };
  if (kind === 'lambda') return { kind, functionArn: rest };
  return { kind };
}

/** The raw replay request of a command line: the --request file with flags on top, or one built from flags. */
export function replayRequestOf(args: ReplayArgs, now: Date = new Date()): Record<string, unknown> {
  const base = (args.requestFile ? readJsonInputFile('--request', args.requestFile) : {}) as Record<
    string,
    unknown
  >;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const flags: Record<string, unknown> = {
    replayId: args.replayId,
    source: args.source ? { kind: 'sqs', queueUrl: args.source.replace(/^sqs:/, '') } : undefined,
    target: args.target ? targetOf(args) : undefined,
    maxMessages: numberOr(args.maxMessages),
    maxSeconds: numberOr(args.maxSeconds),
    ratePerSecond: numberOr(args.rate),
    maxAttempts: numberOr(args.maxAttempts),
    dryRun: args.dryRun || undefined,
  };
  const request = {
    ...base,
    ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
  };
  request.replayId ??= `replay-${stamp}`;
  return request;
}
