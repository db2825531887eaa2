// Bundle stub for `@platformatic/wasm-utils` (see ../README.md) in bundles that never use a record batch codec
// other than none/gzip/zstd: CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) in plain JS, as Kafka's
// record batch v2 checksum needs; lz4 and snappy throw.

const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** CRC-32C of a Buffer/Uint8Array or a platformatic DynamicBuffer (its `buffer`), unsigned. */
export function crc32c(data) {
  const bytes = data instanceof Uint8Array ? data : data.buffer;
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const notBundled = (codec) => () => {
  throw new Error(`${codec} is not bundled in this function (infra/bundling/stubs/wasm-utils)`);
};
export const lz4Compress = notBundled('lz4');
export const lz4Decompress = notBundled('lz4');
export const snappyCompress = notBundled('snappy');
export const snappyDecompress = notBundled('snappy');
