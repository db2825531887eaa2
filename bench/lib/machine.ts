import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The machine's 1-, 5- and 15-minute load averages at one moment (`os.loadavg()`). */
export interface LoadSample {
  at: string;
  loadavg: [number, number, number];
}

/** The load now. */
export function sampleLoad(): LoadSample {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return { at: new Date().toISOString(), loadavg: [one, five, fifteen] };
}

/** `2 × AMD EPYC, 24 GiB, Node v24.21.0`. */
export function describeMachine(): string {
  const model = cpus()[0]?.model?.split(/\s+/).slice(0, 2).join(' ') ?? 'cpu';
  return `${availableParallelism()} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** One line for a section: when it ran and the load average (1 min) before and after, per core. */
export function describeLoad(before: LoadSample, after: LoadSample): string {
  const cores = availableParallelism();
  const f = (s: LoadSample) => s.loadavg[0].toFixed(1);
  return (
    `Measured ${before.at.slice(0, 16).replace('T', ' ')}–${after.at.slice(11, 16)} UTC; load average (1 min) ` +
    `${f(before)} before, ${f(after)} after, on ${cores} cores` +
    (Math.max(before.loadavg[0], after.loadavg[0]) > cores
      ? ' — the machine was shared and busy: compare rows of this run with each other, not with other runs.'
      : '.')
  );
}
