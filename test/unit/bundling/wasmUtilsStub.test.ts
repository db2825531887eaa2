import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DynamicBuffer } from '@platformatic/dynamic-buffer';
import { crc32c as wasmCrc32c } from '@platformatic/wasm-utils';
import { BUNDLE_WORKING_DIR, bundleOptionsFor, CODEC_ENTRIES } from '../../../infra/constructs/bundling';

type Stub = {
  crc32c(data: Uint8Array | DynamicBuffer): number;
  lz4Compress(data: Uint8Array): Buffer;
  snappyDecompress(data: Uint8Array): Buffer;
};
const STUB = join(BUNDLE_WORKING_DIR, 'infra', 'bundling', 'stubs', 'wasm-utils', 'index.js');
const loadStub = async (): Promise<Stub> => (await import(STUB)) as Stub;

// Kafka checks every record batch's CRC-32C: a wrong one is a CORRUPT_MESSAGE refusal of the produce.
describe('the wasm-utils bundle stub', () => {
  it('computes the same CRC-32C as the wasm, for any bytes', async () => {
    const stub = await loadStub();
    const lengths = [
      0,
      1,
      3,
      8,
      63,
      64,
      1000,
      4096,
      65_537,
      ...Array.from({ length: 40 }, (_, i) => i * 37 + 5),
    ];

    const mismatches = lengths
      .map((n) => randomBytes(n))
      .filter((bytes) => stub.crc32c(bytes) !== wasmCrc32c(bytes));

    expect(mismatches).toEqual([]);
    expect(stub.crc32c(Buffer.from('123456789'))).toBe(0xe3069283); // the CRC-32C check value
  });

  it('reads a DynamicBuffer as platformatic hands one over', async () => {
    const stub = await loadStub();
    const dynamic = new DynamicBuffer();
    dynamic.append(randomBytes(100));
    dynamic.append(randomBytes(3000));

    expect(stub.crc32c(dynamic)).toBe(wasmCrc32c(dynamic));
  });

  it('refuses lz4 and snappy with a message naming the stub', async () => {
    const stub = await loadStub();

    expect(() => stub.lz4Compress(Buffer.from('x'))).toThrow('lz4 is not bundled in this function');
    expect(() => stub.snappyDecompress(Buffer.from('x'))).toThrow('snappy is not bundled in this function');
  });

  it('is left out of the codec entries only, which get the wasm', () => {
    const aliasOf = (entry: string) => bundleOptionsFor(entry).alias?.['@platformatic/wasm-utils'];

    expect(CODEC_ENTRIES).toEqual(['tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts']);
    expect(aliasOf(join(BUNDLE_WORKING_DIR, 'tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts'))).toBe(
      '@platformatic/wasm-utils/bundled',
    );
    expect(aliasOf('tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts')).toBe(
      '@platformatic/wasm-utils/bundled',
    );
    expect(aliasOf('tasks/onboarding/acl/grantAcls.ts')).toBe('./infra/bundling/stubs/wasm-utils');
  });
});
