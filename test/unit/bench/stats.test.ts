import { describe, expect, it } from '@jest/globals';
import { cell, interleave, summarize } from '../../../bench/lib/stats';

describe('summarize', () => {
  it('gives the median, min and max of the samples, in any order', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, samples: [5, 1, 3] });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('refuses to summarize nothing (a row without a measurement)', () => {
    expect(() => summarize([])).toThrow('no samples');
  });
});

describe('cell', () => {
  it('prints median (min–max)', () => {
    expect(cell(summarize([12_345, 1_000, 20_000]))).toBe('12,345 (1,000–20,000)');
  });
});

describe('interleave', () => {
  it('runs every step once per round, rotating the first step each round', async () => {
    // Prepare
    const order: string[] = [];
    const step = (name: string) => async (round: number) => {
      order.push(`${name}${round}`);
      return round;
    };

    // Act
    const results = await interleave(3, { a: step('a'), b: step('b'), c: step('c') });

    // Assess
    expect(order).toEqual(['a0', 'b0', 'c0', 'b1', 'c1', 'a1', 'c2', 'a2', 'b2']);
    expect(results).toEqual({ a: [0, 1, 2], b: [0, 1, 2], c: [0, 1, 2] });
  });
});
