import { randomBytes, randomFillSync } from 'node:crypto';
import { jsCRC32C } from '@platformatic/kafka';
import { crc32c } from '../../../../tasks/shared/kafka/crc32c';

describe('crc32c', () => {
  it('gives the standard CRC-32C check value for "123456789"', () => {
    // Prepare
    const bytes = Buffer.from('123456789');

    // Act
    const crc = crc32c(bytes);

    // Assess
    expect(crc).toBe(0xe3069283);
  });

  it('gives 0 for empty input', () => {
    // Act
    const crc = crc32c(new Uint8Array(0));

    // Assess
    expect(crc).toBe(0);
  });

  it('agrees with the byte-a-step CRC of @platformatic/kafka on every length from 0 to 300', () => {
    // Prepare
    const inputs = Array.from({ length: 301 }, (_, length) => randomBytes(length));

    // Act
    const crcs = inputs.map((bytes) => crc32c(bytes));

    // Assess
    expect(crcs).toEqual(inputs.map((bytes) => jsCRC32C(bytes)));
  });

  it('agrees with @platformatic/kafka on large inputs, with and without a tail after the last 16-byte step', () => {
    // Prepare
    const inputs = [1024 * 1024, 1024 * 1024 + 5, 65_543].map((length) => randomBytes(length));

    // Act
    const crcs = inputs.map((bytes) => crc32c(bytes));

    // Assess
    expect(crcs).toEqual(inputs.map((bytes) => jsCRC32C(bytes)));
  });

  it('agrees with @platformatic/kafka on subarrays starting at byte offsets 1 to 7', () => {
    // Prepare
    // A buffer of its own ArrayBuffer starts 8-byte aligned, so subarray(k) starts k bytes past alignment.
    const buffer = randomFillSync(Buffer.from(new ArrayBuffer(1000)));
    const inputs = [1, 2, 3, 4, 5, 6, 7].flatMap((offset) => [
      buffer.subarray(offset),
      buffer.subarray(offset, offset + 13),
      buffer.subarray(offset, offset + 64),
    ]);

    // Act
    const crcs = inputs.map((bytes) => crc32c(bytes));

    // Assess
    expect(new Set(inputs.map((bytes) => bytes.byteOffset % 8))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(crcs).toEqual(inputs.map((bytes) => jsCRC32C(bytes)));
  });

  it('changes when a single bit of the input flips', () => {
    // Prepare
    const original = randomBytes(257);
    const flipped = Buffer.from(original);
    flipped[100] = (flipped[100] as number) ^ 0x10;

    // Act
    const before = crc32c(original);
    const after = crc32c(flipped);

    // Assess
    expect(after).not.toBe(before);
    expect(after).toBe(jsCRC32C(flipped));
  });
});
