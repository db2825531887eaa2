import { onboardingBench } from './lib/onboardingRuns';
import { cell, fmt, interleave, summarize } from './lib/stats';
import type { BenchResult } from './types';

const SIZES = [1, 10, 50] as const;
const RUNS = 5;
/** Issue 7's goal: a 50-topic onboarding under half a second locally. */
const GOAL_50_MS = 500;

/**
 * Onboarding at scale: the synthesized onboarding definition run locally for requests of 1, 10 and 50
 * topics (each with a consumer grant: 2 ACLs per topic plus the group), every admin call batched (one
 * CreateTopics, one CreateAcls …) and every step recorded in the ownership registry. The sizes are
 * interleaved round by round; each run is on fresh names and offboarded after (not timed).
 */
export async function run(): Promise<BenchResult> {
  const { cluster, run: runWorkflow } = await onboardingBench();
  const onboard = async (size: number, round: number) => {
    const id = `bench-${size}-${Date.now().toString(36)}-${round}`;
    const names = Array.from({ length: size }, (_, n) => `${id}.t${n}`);
    const request = {
      requestId: id,
      cluster,
      principal: id,
      topics: names.map((name) => ({ name, partitions: 1, replicationFactor: 1 })),
      grants: names.map((topic) => ({ role: 'consumer', topic, group: id })),
    };
    const cost = await runWorkflow('onboarding', request);
    await runWorkflow('offboarding', { ...request, requestId: `${id}-off`, deleteTopics: true });
    return cost;
  };
  const samples = await interleave(
    RUNS,
    Object.fromEntries(SIZES.map((size) => [`t${size}`, (round: number) => onboard(size, round)])),
  );
  const rows = SIZES.map((size) => {
    const costs = samples[`t${size}`] ?? [];
    return {
      topics: size,
      ms: summarize(costs.map((c) => c.ms)),
      transitions: summarize(costs.map((c) => c.transitions)),
    };
  });
  const fifty = rows.find((r) => r.topics === 50);
  const counted = (s: (typeof rows)[number]['transitions']) => (s.min === s.max ? fmt(s.median) : cell(s));
  return {
    title: 'Onboarding at 1, 10 and 50 topics (local)',
    markdown: [
      'The synthesized onboarding definition run in-process against the local broker; each topic has a',
      'consumer grant (2 ACLs per topic, plus the group). Every step is one admin request for all its topics',
      `or ACLs and records intent and outcome in the ownership registry. ${RUNS} rounds, the sizes interleaved;`,
      'median (min–max); each run on fresh names, offboarded after (not timed). Wait states are not waited',
      'locally: a run that had to wait shows it as 2 more transitions.',
      '',
      '| topics | state transitions | wall time, ms |',
      '|---:|---:|---:|',
      ...rows.map((r) => `| ${r.topics} | ${counted(r.transitions)} | ${cell(r.ms)} |`),
      '',
      fifty
        ? `- 50 topics: ${fmt(fifty.ms.median)} ms, ${fifty.ms.median < GOAL_50_MS ? 'meets' : '**misses**'} the goal < ${GOAL_50_MS} ms; ${(fifty.ms.median / (rows[0]?.ms.median ?? 1)).toFixed(1)}× the 1-topic run.`
        : '',
    ].join('\n'),
    data: { rows },
  };
}
