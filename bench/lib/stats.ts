/** The runs of one table row: every sample kept, summarized as median and min–max. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** Median (mean of the two middle values for an even count), min and max of the samples. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, samples: [...samples] };
}

/** Whole numbers with thousands separators (`12,345`); below 10, one decimal. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Math.abs(value) < 10 && !Number.isInteger(value)
    ? value.toFixed(1)
    : Math.round(value).toLocaleString('en');
}

/** `median (min–max)` of a summary, each formatted with `format`. */
export function cell(summary: Summary, format: (value: number) => string = fmt): string {
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

/** A ratio as `1.23×`. */
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

/**
 * Runs every step once per round, `rounds` times, rotating which step goes first each round, so a change in the
 * machine's load hits every step alike; returns each step's results in round order.
 */
export async function interleave<K extends string, T>(
  rounds: number,
  steps: Record<K, (round: number) => Promise<T>>,
): Promise<Record<K, T[]>> {
  const names = Object.keys(steps) as K[];
  const results = Object.fromEntries(names.map((n) => [n, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length] as K;
      results[name].push(await steps[name](round));
    }
  }
  return results;
}
