import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { platformaticApisPlugin } from '../bundling/platformaticApis';

/** esbuild's working directory for every bundle: the repository root. */
export const BUNDLE_WORKING_DIR = path.resolve(import.meta.dirname, '..', '..');
/** Relative to BUNDLE_WORKING_DIR, so no machine path reaches a command line or an asset hash. */
const stub = (name: string): string => `./infra/bundling/stubs/${name}`;

/**
 * Package substitutions in every Lambda bundle (esbuild `alias`). @platformatic/kafka: its wasm helpers in
 * the variant with the wasm inlined (a bundle has no `native.wasm` beside it), and Ajv/Avro replaced by
 * stubs (infra/bundling/stubs/README.md says why each is safe): they were ~250 KiB and most of the module load;
 * mnemonist narrowed to the one class platformatic uses (the same code, 16 KB less).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled',
  ajv: stub('ajv'),
  'ajv-draft-04': stub('ajv-draft-04'),
  avsc: stub('avsc'),
  mnemonist: stub('mnemonist'),
};

/**
 * Every bundle is an ES module: @platformatic/kafka needs `import.meta.url` (undefined in a CommonJS bundle).
 * CommonJS dependencies (kafkajs, pg) still `require` Node built-ins: the banner gives them one.
 */
export const BUNDLE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Source maps off: they were 2–5.8 MiB per function beside 30–500 KiB of code, and `--enable-source-maps`
 * parses them at start. A stack trace from a bundle still names our functions (`keepNames`) and the bundle's
 * line and column, which esbuild can map back locally (`npm run bench` bundles the same way).
 */
export const BUNDLE_SOURCE_MAPS = false;

/**
 * esbuild options shared by TaskFunction (infra/bundling/bundleTask.ts) and the cold-start benchmark: one
 * esbuild API call each, so plugins apply to both (platformaticApisPlugin: the protocol APIs our clients ask for).
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  sourcemap: BUNDLE_SOURCE_MAPS,
  banner: { js: BUNDLE_BANNER },
  alias: { ...BUNDLE_ALIASES },
  absWorkingDir: BUNDLE_WORKING_DIR,
  plugins: [platformaticApisPlugin()],
};
