/** What one benchmark reports: a section of BENCHMARKS.md, plus the raw numbers for the JSON record. */
export interface BenchResult {
  /** Section heading, e.g. `Kinesis → Kafka bridge`. */
  title: string;
  /**
   * The section body: what was measured, how, the table and the notes. Every figure in it comes from the run
   * (counted or timed, ≥ 5 runs with median and min–max); notes are computed from the run's own numbers.
   */
  markdown: string;
  /** Raw measurements, kept in `.bench/results.json` for comparisons between runs. */
  data: Record<string, unknown>;
}

/** A benchmark module (`bench/<name>.bench.ts`) exports `run`. */
export type Benchmark = () => Promise<BenchResult>;
