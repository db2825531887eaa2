import type { SurveyCounts } from '../tasks/replay/survey';

/** What `msk-flows replay --json` prints: the outcome of one replay execution. */
export interface ReplayRunSummary {
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  execution: string;
  replayId: string;
  dryRun: boolean;
  received: number;
  replayed: number;
  parked: number;
  skipped: number;
  remaining: number | null;
  oldestFailedAt: string | null;
  stoppedBy?: string;
  counts?: SurveyCounts;
  error?: { name: string; cause: string };
}

/** The summary of a run from the machine's output (or, when it failed, the last progress it reported). */
export function replaySummaryOf(
  run: { status: ReplayRunSummary['status']; output?: unknown; error?: { name: string; cause: string } },
  execution: string,
  replayId: string,
  lastProgress?: Record<string, unknown>,
): ReplayRunSummary {
  const out = ((run.output as Record<string, unknown> | undefined) ?? lastProgress ?? {}) as Record<
    string,
    unknown
  >;
  const num = (key: string) => (typeof out[key] === 'number' ? (out[key] as number) : 0);
  return {
    status: run.status,
    execution,
    replayId,
    dryRun: out.dryRun === true,
    received: num('received'),
    replayed: num('replayed'),
    parked: num('parked'),
    skipped: num('skipped'),
    remaining: typeof out.remaining === 'number' ? out.remaining : null,
    oldestFailedAt: typeof out.oldestFailedAt === 'string' ? out.oldestFailedAt : null,
    ...(typeof out.stoppedBy === 'string' ? { stoppedBy: out.stoppedBy } : {}),
    ...(out.counts ? { counts: out.counts as SurveyCounts } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '-';

/** The lines a person reads after the progress lines. */
export function formatReplaySummary(summary: ReplayRunSummary): string {
  const lines = [
    '',
    `${summary.status}  ${summary.dryRun ? 'dry run' : 'replay'} ${summary.replayId}  (${summary.execution})`,
  ];
  if (summary.error) lines.push(`  error: ${summary.error.name}: ${summary.error.cause}`);
  lines.push(
    `  received ${summary.received}, replayed ${summary.replayed}, parked ${summary.parked}, skipped ${summary.skipped}` +
      `, remaining ${summary.remaining ?? '?'}${summary.stoppedBy ? ` (stopped: ${summary.stoppedBy})` : ''}`,
  );
  if (summary.oldestFailedAt) lines.push(`  oldest failure: ${summary.oldestFailedAt}`);
  if (summary.counts) {
    lines.push(`  by kind: ${listed(summary.counts.byKind)}`);
    lines.push(`  by topic: ${listed(summary.counts.byTopic)}`);
    lines.push(`  by error: ${listed(summary.counts.byErrorName)}`);
    lines.push(`  by age: ${listed(summary.counts.byAge)}; records ${summary.counts.records}`);
  }
  return lines.join('\n');
}
