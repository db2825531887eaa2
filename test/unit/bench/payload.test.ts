import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { randomLetters } from '../../../bench/lib/payload';

describe('randomLetters', () => {
  it('gzips to no less than 55 % of its size (random, not a repeating sequence)', () => {
    // Prepare: 2,000 records of 1 KiB, as a benchmark event holds them
    const records = Array.from({ length: 2_000 }, () => randomLetters(1024));

    // Act
    const all = Buffer.concat(records);
    const ratio = gzipSync(all).length / all.length;

    // Assess
    expect(ratio).toBeGreaterThanOrEqual(0.55);
  });

  it('draws only upper-case letters, every one of the 26', () => {
    const letters = randomLetters(100_000);

    expect(letters).toHaveLength(100_000);
    expect(new Set(letters.toString('latin1'))).toEqual(new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
  });

  it('never returns the same record twice', () => {
    const records = Array.from({ length: 10_000 }, () => randomLetters(64).toString('latin1'));

    expect(new Set(records).size).toBe(records.length);
  });
});
