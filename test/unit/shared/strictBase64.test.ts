import { randomBytes } from 'node:crypto';
import { decodeStrictBase64 } from '../../../tasks/shared/strictBase64';

describe('decodeStrictBase64', () => {
  it('decodes canonical padded base64 of any length back to the same bytes', () => {
    // Prepare
    const samples = [0, 1, 2, 3, 4, 5, 1023, 1024].map((n) => randomBytes(n));

    // Act
    const decoded = samples.map((bytes) => decodeStrictBase64(bytes.toString('base64')));

    // Assess
    decoded.forEach((bytes, i) => {
      expect(bytes?.equals(samples[i] as Buffer)).toBe(true);
    });
  });

  it.each([
    ['a character outside the alphabet', 'eyJh*GlnaHQiOjF9'],
    ['the URL-safe alphabet', 'a-_b'],
    ['missing padding', 'QQ'],
    ['too much padding', 'QQ==='],
    ['padding in the middle', 'QQ==QQ=='],
    ['whitespace', 'eyJm bGln'],
    ['a line break', 'eyJm\nbGln'],
    ['non-zero pad bits', 'QR=='],
    ['a truncated quantum', 'QUJDR'],
  ])('rejects %s, which Buffer.from decodes to some bytes anyway', (_what, text) => {
    // Act
    const strict = decodeStrictBase64(text);
    const lenient = Buffer.from(text, 'base64');

    // Assess
    expect(strict).toBeUndefined();
    expect(lenient.length).toBeGreaterThan(0);
  });

  it.each([[undefined], [null], [42], [{}], [['QQ==']]])('rejects %p, which is not a string', (value) => {
    // Act
    const decoded = decodeStrictBase64(value);

    // Assess
    expect(decoded).toBeUndefined();
  });
});

/** The definition: canonical base64 is exactly what re-encoding its bytes gives back. */
const byDefinition = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
};

/** True when the fast decoder and the definition disagree on `text` (one refuses it, or their bytes differ). */
const disagrees = (text: string): boolean => {
  const fast = decodeStrictBase64(text);
  const reference = byDefinition(text);
  return (
    (fast === undefined) !== (reference === undefined) ||
    (fast !== undefined && !fast.equals(reference as Buffer))
  );
};

describe('decodeStrictBase64 against the definition', () => {
  /** A deterministic generator (xorshift), so a failure names a reproducible input. */
  const random = (seed: number) => () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const MUTATIONS = ['=', '-', '_', ' ', '\n', '!', 'é', '€', 'A', 'B', '/', '+', ''];

  it('agrees on 100,000 encodings of random bytes, each mutated at a random place or not at all', () => {
    // Prepare
    const next = random(12_345);
    const disagreements: string[] = [];

    // Act
    for (let i = 0; i < 100_000; i++) {
      let text = randomBytes(Math.floor(next() * (next() < 0.9 ? 12 : 2048))).toString('base64');
      if (next() < 0.8 && text.length > 0) {
        const at = Math.floor(next() * text.length);
        const mutation = MUTATIONS[Math.floor(next() * MUTATIONS.length)] as string;
        text =
          next() < 0.5
            ? text.slice(0, at) + mutation + text.slice(at + 1)
            : text.slice(0, at) + mutation + text.slice(at);
      }
      if (disagrees(text)) disagreements.push(JSON.stringify(text));
    }

    // Assess
    expect(disagreements.slice(0, 10)).toEqual([]);
  });

  it('agrees on every string of up to four characters from the alphabet, padding and a stray character', () => {
    // Prepare
    const characters = ['A', 'B', 'Q', 'R', 'g', 'w', '/', '+', '=', '-', ' '];
    const disagreements: string[] = [];
    const visit = (text: string) => {
      if (disagrees(text)) disagreements.push(JSON.stringify(text));
      if (text.length < 4) for (const c of characters) visit(text + c);
    };

    // Act
    visit('');

    // Assess
    expect(disagreements).toEqual([]);
  });
});
