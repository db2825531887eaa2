import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { lazyAwsSdkPlugin } from '../bundling/lazyAwsSdk/plugin';
import {
  type KafkaClientKind,
  platformaticApisPlugin,
  platformaticSideEffectsPlugin,
} from '../bundling/platformaticApis';
import { platformaticOptionSchemasPlugin } from '../bundling/platformaticOptionSchemas';
import { wasmUtilsDecodePlugin } from '../bundling/wasmUtilsDecode';
import { RUNTIME_PROVIDED_MODULES } from './lambdaRuntime';

/** esbuild's working directory for every bundle: the repository root. */
export const BUNDLE_WORKING_DIR = path.resolve(import.meta.dirname, '..', '..');
/** Relative to BUNDLE_WORKING_DIR, so no machine path reaches a command line or an asset hash. */
const stub = (name: string): string => `./infra/bundling/stubs/${name}`;

/**
 * Package substitutions in every Lambda bundle (esbuild `alias`). @platformatic/kafka: its wasm helpers as a
 * plain-JS CRC-32C (infra/bundling/stubs/wasm-utils; CODEC_ENTRIES get the real wasm), Ajv/Avro replaced by
 * stubs (infra/bundling/stubs/README.md says why each is safe): they were ~250 KiB and most of the module load;
 * mnemonist narrowed to the one class platformatic uses (the same code, 16 KB less); `debug` as a few lines that
 * honour `DEBUG` the same way (10 KB less).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@platformatic/wasm-utils': stub('wasm-utils'),
  ajv: stub('ajv'),
  'ajv-draft-04': stub('ajv-draft-04'),
  avsc: stub('avsc'),
  mnemonist: stub('mnemonist'),
  debug: stub('debug'),
};

/**
 * Entries that produce with a record batch codec a user picks: the bridge's `KAFKA_COMPRESSION` may be snappy
 * or lz4, which only @platformatic/wasm-utils implements, and its throughput is where the wasm CRC-32C pays.
 * They carry the package with its wasm inlined (77 KB; a bundle has no `native.wasm` beside it). Every other
 * Kafka task produces uncompressed (the registry, replay) and reads only the registry, which msk-flows alone
 * writes, uncompressed: the stub's CRC-32C serves them.
 */
export const CODEC_ENTRIES: readonly string[] = ['tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts'];

/** The repository-relative path of an entry given absolute or relative to BUNDLE_WORKING_DIR. */
const entryKey = (entry: string): string =>
  path.relative(BUNDLE_WORKING_DIR, path.resolve(BUNDLE_WORKING_DIR, entry)).split(path.sep).join('/');

/**
 * Entries that use only some of @platformatic/kafka's clients (the others are Admin, Consumer and Producer: the
 * registry of every other onboarding task uses all three). Their bundles keep only the protocol APIs those clients
 * ask for (the bridge: no Fetch, JoinGroup, OffsetCommit…; Plan Changes: no Produce or transactions), and a test
 * fails if one of them ever carries another client's class, which would then miss its APIs.
 */
export const KAFKA_CLIENTS_BY_ENTRY: Readonly<Record<string, readonly KafkaClientKind[]>> = {
  'tasks/ingest/kinesisToKafka/bridgeKinesisBatch.ts': ['admin', 'producer'],
  // Plan Changes reads the registry (registry/viewSession.ts) and appends nothing: no Producer.
  'tasks/onboarding/planChanges.ts': ['admin', 'consumer'],
};

/** BUNDLE_OPTIONS for one entry: its Kafka clients' APIs, and the real wasm helpers for CODEC_ENTRIES only. */
export function bundleOptionsFor(entry: string): BuildOptions {
  const key = entryKey(entry);
  const plugins = [
    platformaticApisPlugin(KAFKA_CLIENTS_BY_ENTRY[key]),
    platformaticSideEffectsPlugin(),
    platformaticOptionSchemasPlugin(),
    lazyAwsSdkPlugin(BUNDLE_WORKING_DIR),
  ];
  if (!CODEC_ENTRIES.includes(key)) return { ...BUNDLE_OPTIONS, plugins };
  return {
    ...BUNDLE_OPTIONS,
    plugins: [...plugins, wasmUtilsDecodePlugin()],
    alias: { ...BUNDLE_ALIASES, '@platformatic/wasm-utils': '@platformatic/wasm-utils/bundled' },
  };
}

/**
 * How TaskFunction builds `entry` (infra/bundling/bundleTask.ts), for everything that must build the same code:
 * bundleOptionsFor(entry), bundled, the modules the runtime provides external. Callers add where it goes.
 */
export function taskBuildOptions(entry: string): BuildOptions {
  return {
    ...bundleOptionsFor(entry),
    entryPoints: [entry],
    bundle: true,
    external: [...RUNTIME_PROVIDED_MODULES],
  };
}

/**
 * Every bundle is an ES module: @platformatic/kafka needs `import.meta.url` (undefined in a CommonJS bundle).
 * CommonJS dependencies (kafkajs, pg) still `require` Node built-ins: the banner gives them one.
 */
export const BUNDLE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Source maps off: they were 2–5.8 MiB per function beside 30–500 KiB of code, and `--enable-source-maps`
 * parses them at start. Names are not kept either: `keepNames` wraps every function and class in a `__name()`
 * call, 4–5 % of a Kafka bundle and 5–10 % of its module load. A stack trace from a bundle gives the bundle's
 * line and column, which `npx tsx scripts/mapStack.ts <entry>` maps back to our sources (the same commit
 * bundles to the same code).
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
  sourcemap: BUNDLE_SOURCE_MAPS,
  banner: { js: BUNDLE_BANNER },
  alias: { ...BUNDLE_ALIASES },
  absWorkingDir: BUNDLE_WORKING_DIR,
  plugins: [
    platformaticApisPlugin(),
    platformaticSideEffectsPlugin(),
    platformaticOptionSchemasPlugin(),
    lazyAwsSdkPlugin(BUNDLE_WORKING_DIR),
  ],
};
