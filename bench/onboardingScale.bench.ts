import { join } from 'node:path';
import { runWorkflowLocally } from '../cli/local/runWorkflowLocally';
import { ensureLocalStack } from '../scripts/local/index';
import { repoRoot } from '../scripts/local/paths';
import { mskCredentialsDeps } from '../tasks/onboarding/credentials/msk/clients';
import { createKafkaTaskDeps } from '../tasks/onboarding/kafka/clients';
import type { BenchResult } from './types';

const SIZES = [1, 10, 50];
const RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Onboarding at scale: the synthesized onboarding definition run locally for requests of 1, 10 and 50
 * topics (each with a consumer grant: 2 ACLs per topic plus the group), every admin call batched (one
 * CreateTopics, one CreateAcls …) and every step recorded in the ownership registry.
 */
export async function run(): Promise<BenchResult> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const { stack } = await ensureLocalStack({ services: ['kafka'] });
  const deps = {
    kafka: createKafkaTaskDeps({ localStackFile: join(repoRoot(), '.local', 'stack.json') }),
    msk: mskCredentialsDeps,
  };
  const rows: { topics: number; ms: number; transitions: number }[] = [];
  for (const size of SIZES) {
    const samples: { ms: number; transitions: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const id = `bench-${size}-${Date.now().toString(36)}-${i}`;
      const names = Array.from({ length: size }, (_, n) => `${id}.t${n}`);
      const request = {
        requestId: id,
        cluster: { kind: 'self-managed', bootstrapServers: stack.kafka?.bootstrapServers ?? [] },
        principal: id,
        topics: names.map((name) => ({ name, partitions: 1, replicationFactor: 1 })),
        grants: names.map((topic) => ({ role: 'consumer', topic, group: id })),
      };
      const first = await runWorkflowLocally({
        workflow: 'onboarding',
        input: request,
        deps,
        history: false,
        waitMs: 100,
      });
      await runWorkflowLocally({
        workflow: 'offboarding',
        input: { ...request, requestId: `${id}-off`, deleteTopics: true },
        deps,
        history: false,
      });
      if (first.status !== 'SUCCEEDED')
        throw new Error(`onboarding of ${size} topics failed: ${first.error?.name}: ${first.error?.cause}`);
      samples.push({ ms: first.durationMs, transitions: first.transitions });
    }
    rows.push({
      topics: size,
      ms: median(samples.map((s) => s.ms)),
      transitions: median(samples.map((s) => s.transitions)),
    });
  }
  return {
    title: 'Onboarding at 1, 10 and 50 topics (local)',
    markdown: [
      'The synthesized onboarding definition run in-process against the local broker; each topic has a',
      'consumer grant (2 ACLs per topic, plus the group). Every step is one admin request for all its topics',
      `or ACLs and records intent and outcome in the ownership registry. Median of ${RUNS} runs, offboarded after.`,
      '',
      '| topics | state transitions | wall time (median) |',
      '|---:|---:|---:|',
      ...rows.map((r) => `| ${r.topics} | ${r.transitions} | ${r.ms} ms |`),
    ].join('\n'),
    data: { rows },
  };
}
