import type { MessageFacts } from './messages/describe';
import { passesFilter } from './messages/describe';
import type { ReplayFilter } from './request/schema';

/** What a dry run reports: counts by kind, topic, error name and age, and the oldest dead letter. */
export interface SurveyCounts {
  byKind: Record<string, number>;
  byTopic: Record<string, number>;
  byErrorName: Record<string, number>;
  byAge: Record<'under1h' | 'under1d' | 'under7d' | 'older', number>;
  /** Records the messages stand for (an on-failure record names a whole batch). */
  records: number;
  /** Messages the request's filter would leave in the queue. */
  filteredOut: number;
  oldest?: { failedAt: string; kind: string; topics: string[]; errorName?: string };
}

const TOP = 20;

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Keeps the `TOP` largest entries; the rest add up under `(other)`. */
function top(counts: Record<string, number>): Record<string, number> {
  const sorted = Object.entries(counts).sort(([, a], [, b]) => b - a);
  const kept = Object.fromEntries(sorted.slice(0, TOP));
  const rest = sorted.slice(TOP).reduce((sum, [, n]) => sum + n, 0);
  return rest > 0 ? { ...kept, '(other)': rest } : kept;
}

function ageBucket(failedAt: string, now: number): keyof SurveyCounts['byAge'] {
  const hours = (now - Date.parse(failedAt)) / 3_600_000;
  if (hours < 1) return 'under1h';
  if (hours < 24) return 'under1d';
  if (hours < 24 * 7) return 'under7d';
  return 'older';
}

/** Counts a set of dead letters for a dry run (never their payloads). */
export function countDeadLetters(
  items: { facts: MessageFacts; records: number }[],
  filter: ReplayFilter | undefined,
  now: number,
): SurveyCounts {
  const counts: SurveyCounts = {
    byKind: {},
    byTopic: {},
    byErrorName: {},
    byAge: { under1h: 0, under1d: 0, under7d: 0, older: 0 },
    records: 0,
    filteredOut: 0,
  };
  for (const { facts, records } of items) {
    bump(counts.byKind, facts.kind);
    for (const topic of facts.topics) bump(counts.byTopic, topic);
    bump(counts.byErrorName, facts.errorName ?? '(none)');
    counts.byAge[ageBucket(facts.failedAt, now)]++;
    counts.records += records;
    if (!passesFilter(facts, filter)) counts.filteredOut++;
    if (!counts.oldest || Date.parse(facts.failedAt) < Date.parse(counts.oldest.failedAt)) {
      counts.oldest = {
        failedAt: facts.failedAt,
        kind: facts.kind,
        topics: facts.topics,
        errorName: facts.errorName,
      };
    }
  }
  return { ...counts, byTopic: top(counts.byTopic), byErrorName: top(counts.byErrorName) };
}
