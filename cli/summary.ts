import type { Change } from '../tasks/onboarding/contracts';

/** What `--json` prints: the outcome of one workflow execution, never a secret. */
export interface RunSummary {
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  execution: string;
  dryRun?: boolean;
  changes: Change[];
  error?: { name: string; cause: string };
  /** Local runs: state transitions and wall time, as the benchmark reports them. */
  transitions?: number;
  durationMs?: number;
}

/** One line of human progress output. */
export interface ProgressLine {
  /** Milliseconds since the execution started. */
  at: number;
  state: string;
  what: 'entered' | 'succeeded' | 'failed' | 'retrying' | 'caught';
  detail?: string;
}

const pad = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)}s`;

/** `  12.3s  ✓ Ensure Topics` style line. */
export function formatProgress(line: ProgressLine): string {
  const mark = { entered: '→', succeeded: '✓', failed: '✗', retrying: '↻', caught: '↯' }[line.what];
  return `${pad(line.at)}  ${mark} ${line.state}${line.detail ? `  (${line.detail})` : ''}`;
}

/** The changes of a summary that did something (action other than `none`). */
export function effectiveChanges(summary: RunSummary): Change[] {
  return summary.changes.filter((c) => c.action !== 'none');
}

/** The summary a person reads after the progress lines. */
export function formatSummary(summary: RunSummary): string {
  const lines: string[] = [];
  const verb = summary.dryRun ? 'would change' : 'changed';
  const effective = effectiveChanges(summary);
  lines.push('');
  lines.push(`${summary.status}  ${summary.execution}`);
  if (summary.error) lines.push(`  error: ${summary.error.name}: ${summary.error.cause}`);
  if (summary.changes.length > 0) {
    lines.push(
      `  ${effective.length} ${verb}, ${summary.changes.length - effective.length} already as requested:`,
    );
    for (const c of summary.changes) {
      const detail = c.detail ? `  ${c.detail}` : '';
      lines.push(`    ${c.action.padEnd(6)} ${c.kind.padEnd(17)} ${c.id}${detail}`);
    }
  }
  if (summary.transitions !== undefined && summary.durationMs !== undefined) {
    lines.push(`  ${summary.transitions} state transitions in ${(summary.durationMs / 1000).toFixed(1)}s`);
  }
  return lines.join('\n');
}
