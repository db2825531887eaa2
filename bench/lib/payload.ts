import { randomBytes } from 'node:crypto';

const LETTERS = 26;
/** Bytes below this map evenly onto the 26 letters (9 × 26); the others are drawn again (no modulo bias). */
const EVEN_LIMIT = Math.floor(256 / LETTERS) * LETTERS;

/**
 * `bytes` random upper-case letters drawn from the operating system's CSPRNG (`crypto.randomBytes`), what
 * Kafka's ProducerPerformance sends for `--record-size`: every call draws fresh bytes, nothing repeats, so
 * gzip gets these down to no less than log2(26)/8 ≈ 59 % of their size, as it does the Java tool's.
 */
export function randomLetters(bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  let filled = 0;
  while (filled < bytes) {
    const source = randomBytes(Math.ceil((bytes - filled) * 1.1) + 16);
    for (let i = 0; i < source.length && filled < bytes; i++) {
      const byte = source[i] as number;
      if (byte < EVEN_LIMIT) out[filled++] = 65 + (byte % LETTERS);
    }
  }
  return out;
}
