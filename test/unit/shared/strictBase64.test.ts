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
