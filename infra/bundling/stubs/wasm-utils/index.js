// Bundle stub for `@platformatic/wasm-utils` (see ../README.md) in bundles that never use a record batch codec
// other than none/gzip/zstd: CRC-32C, as Kafka's record batch v2 checksum needs, by the same plain-JS code the
// bridge checksums its own batches with; lz4 and snappy throw.
import { crc32c as crc32cOfBytes } from '../../../../tasks/shared/kafka/crc32c';

/** CRC-32C of a Buffer/Uint8Array or a platformatic DynamicBuffer (its `buffer`), unsigned. */
export function crc32c(data) {
  return crc32cOfBytes(data instanceof Uint8Array ? data : data.buffer);
}

const notBundled = (codec) => () => {
  throw new Error(`${codec} is not bundled in this function (infra/bundling/stubs/wasm-utils)`);
};
export const lz4Compress = notBundled('lz4');
export const lz4Decompress = notBundled('lz4');
export const snappyCompress = notBundled('snappy');
export const snappyDecompress = notBundled('snappy');
