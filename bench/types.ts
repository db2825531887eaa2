/** What one benchmark reports: a section of BENCHMARKS.md, plus the raw numbers for the JSON record. */
export interface BenchResult {
  /** Section heading, e.g. `Kinesis → Kafka bridge`. */
  title: string;
  /** The section body: what was measured, how, the table of numbers and ratios. */
  markdown: string;
  /** Raw measurements, kept in `.bench/results.json` for comparisons between runs. */
  data: Record<string, unknown>;
}

/** A benchmark module (`bench/<name>.bench.ts`) exports `run`. */
export type Benchmark = () => Promise<BenchResult>;
