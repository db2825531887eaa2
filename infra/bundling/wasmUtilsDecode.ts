import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/** The wasm-inlining build of @platformatic/wasm-utils, which CODEC_ENTRIES carry (infra/constructs/bundling.ts). */
const WASM_UTILS_BUNDLED = /@platformatic[\\/]wasm-utils[\\/]dist[\\/]bundled\.js$/;

/** How that build decodes its inlined wasm: `atob` into a string, then one callback per byte. */
const ATOB_DECODE = /Uint8Array\.from\(globalThis\.atob\('([A-Za-z0-9+/=]+)'\), c => c\.codePointAt\(0\)\)/;

/**
 * The module's source with its inlined wasm decoded by `Buffer.from(…, 'base64')`, or undefined to leave it as
 * it is (a new version that decodes another way). The same bytes (a unit test compares them) in well under a
 * millisecond, where the per-byte callback over 57 KB took about 20 ms of the bridge's module load.
 */
export function fastWasmDecode(source: string): string | undefined {
  const match = ATOB_DECODE.exec(source);
  if (!match) return undefined;
  return source.replace(match[0], () => `Buffer.from('${match[1]}', 'base64')`);
}

/** esbuild plugin: @platformatic/wasm-utils' inlined wasm decoded with Buffer (see fastWasmDecode). */
export function wasmUtilsDecodePlugin(): Plugin {
  return {
    name: 'wasm-utils-decode',
    setup(build) {
      build.onLoad({ filter: WASM_UTILS_BUNDLED }, ({ path }) => {
        const contents = fastWasmDecode(readFileSync(path, 'utf8'));
        return contents ? { contents, loader: 'js', resolveDir: dirname(path) } : undefined;
      });
    },
  };
}
