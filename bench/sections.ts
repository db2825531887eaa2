import type { Benchmark } from './types';

/** One section of BENCHMARKS.md: `npm run bench -- <name>` runs it alone. */
export interface BenchSection {
  /** The name on the command line and in BENCHMARKS.md's section markers. */
  name: string;
  /** Loads the benchmark lazily, so running one section imports only its own module. */
  load: () => Promise<{ run: Benchmark }>;
}

/**
 * Every section, in BENCHMARKS.md's order. To add one (say `connectors`: time to RUNNING per connector,
 * median of 5), write `bench/<file>.bench.ts` exporting `run(): Promise<BenchResult>` (use
 * bench/lib/stats.ts: ≥ 5 interleaved runs, `summarize`, `cell`) and add a line here; `npm run bench` then
 * writes it, and `npm run bench -- connectors` rewrites only its block.
 */
export const SECTIONS: readonly BenchSection[] = [
  { name: 'bridge', load: () => import('./kinesisToKafka.bench') },
  { name: 'replay', load: () => import('./replay.bench') },
  { name: 'onboarding', load: () => import('./onboarding.bench') },
  { name: 'onboarding-scaling', load: () => import('./onboardingScale.bench') },
  { name: 'kafka-to-s3', load: () => import('./kafkaToS3.bench') },
  { name: 'iot-to-s3', load: () => import('./iotToS3.bench') },
  { name: 'cold-start', load: () => import('./coldStart.bench') },
];
