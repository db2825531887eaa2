import { constants, gzipSync } from 'node:zlib';

/** Byte 9 of a gzip member header: the OS that wrote it. 255 = unknown (RFC 1952 §2.3.1). */
const OS_BYTE = 9;

/**
 * Gzip with a reproducible output: no file name, modification time 0 (what zlib writes when none is
 * given), a fixed level and the OS byte set to "unknown", so the same input gives the same bytes on any
 * machine running the same zlib. The header is not covered by gzip's CRC, so patching the OS byte is safe.
 */
export function deterministicGzip(data: Buffer | string): Buffer {
  const out = gzipSync(data, {
    level: constants.Z_DEFAULT_COMPRESSION,
    memLevel: 8,
    strategy: constants.Z_DEFAULT_STRATEGY,
  });
  out[OS_BYTE] = 255;
  return out;
}
