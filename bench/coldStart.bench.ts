import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { taskBuildOptions } from '../infra/constructs/bundling';
import { cell, interleave, type Summary, summarize } from './lib/stats';
import type { BenchResult } from './types';

const execFileAsync = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = 7;
/** What a module must say to be a Lambda entry: it exports `handler`. */
const EXPORTS_HANDLER =
  /^export\s+(?:const|let|var|async\s+function|function)\s+handler\b|^export\s*\{[^}]*\bhandler\b[^}]*\}/m;

/** Every `tasks/**` TypeScript file exporting `handler` (repo-relative, sorted). */
export function lambdaEntries(root: string = ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        if (EXPORTS_HANDLER.test(readFileSync(path, 'utf8'))) found.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'tasks'));
  return found.sort();
}

/**
 * Bundles like TaskFunction (infra/bundling/bundleTask.ts), with the same options and plugins
 * (infra/constructs/bundling.ts) and the SDK's clients external (the runtime provides them).
 */
async function bundle(
  entry: string,
  outdir: string,
): Promise<{ file: string; bytes: number; warnings: number; sdk: SdkImports }> {
  const file = join(outdir, 'index.mjs');
  const result = await build({
    ...taskBuildOptions(entry),
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
  return { file, bytes: statSync(file).size, warnings: result.warnings.length, sdk: sdkImports(imports) };
}

/** The AWS SDK client packages a bundle imports at load (static) and on first use only (dynamic `import()`). */
export interface SdkImports {
  atLoad: string[];
  deferred: string[];
}

/** Splits a bundle's external `@aws-sdk/client-*` imports into loaded-at-start and deferred. */
export function sdkImports(imports: { path: string; kind: string; external?: boolean }[]): SdkImports {
  const sdk = imports.filter((i) => i.external && i.path.startsWith('@aws-sdk/client-'));
  const atLoad = new Set(sdk.filter((i) => i.kind !== 'dynamic-import').map((i) => i.path));
  const deferred = new Set(sdk.filter((i) => !atLoad.has(i.path)).map((i) => i.path));
  return { atLoad: [...atLoad].sort(), deferred: [...deferred].sort() };
}

/** A module that only imports `client` (its module load alone), beside a link to the SDK. */
function sdkAlone(client: string, dir: string): string {
  const file = join(dir, `${client.replace(/\W+/g, '_')}.mjs`);
  writeFileSync(file, `import '${client}';\n`);
  return file;
}

/**
 * Module-load time of `file` in a fresh Node process, as Lambda's init loads it: `import` of the bundle, the SDK
 * resolved from a `node_modules/@aws-sdk` link beside the bundle, standing in for the runtime's. With `then`, the
 * time includes importing those SDK packages after the bundle, in that process (what a first invocation that
 * calls each of them adds to its cold start).
 */
async function loadMs(file: string, then: readonly string[] = []): Promise<number> {
  const script =
    'const t=process.hrtime.bigint();await import(process.argv[1]);' +
    'for(const p of process.argv.slice(2))await import(p);' +
    'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
  const sdk = join(dirname(file), 'node_modules', '@aws-sdk');
  if (!existsSync(sdk)) {
    mkdirSync(dirname(sdk), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), sdk);
  }
  // The packages resolve from the bundle's directory (a bare specifier in `-e` resolves from the working directory).
  const args = ['--input-type=module', '-e', script, file, ...then];
  const { stdout } = await execFileAsync(process.execPath, args, {
    cwd: dirname(file),
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'cold-start-bench',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
  });
  return Number(stdout);
}

/** What a load failure says: the error line and the first frame in our code or a dependency. */
function describeFailure(error: unknown): string {
  const lines = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n');
  const what = lines.find((l) => /Error/.test(l)) ?? lines[0] ?? 'failed';
  const where = lines.find((l) => /^\s+at .*node_modules|^\s+at .*\/tasks\//.test(l))?.trim() ?? '';
  return where ? `${what} (${where.replace(`${ROOT}/`, '')})` : what;
}

interface Row {
  entry: string;
  bytes: number;
  load?: Summary;
  /** Module load plus every SDK package the bundle imports on first use, loaded after it in the same process. */
  withSdk?: Summary;
  error?: string;
  sdk?: SdkImports;
}

/** The 500 KB bundle and 100 ms module-load goals (issue 12). */
const BUNDLE_GOAL_BYTES = 500 * 1000;
const LOAD_GOAL_MS = 100;

/** Cold start: bundled size and module-load time of every Lambda entry beside an empty handler's. */
export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'msk-flows-cold-start-'));
  try {
    const empty = join(work, 'empty.ts');
    writeFileSync(empty, 'export const handler = async () => ({});\n');
    const entries: [string, string][] = [
      ['(empty handler)', empty],
      ...lambdaEntries().map((e): [string, string] => [e, join(ROOT, e)]),
    ];
    const bundles = new Map<string, { file: string; bytes: number; sdk?: SdkImports }>();
    for (const [label, entry] of entries)
      bundles.set(label, await bundle(entry, mkdtempSync(join(work, 'fn-'))));
    // Each SDK client package any bundle imports, loaded alone: what a bundle pays for it at start, or an
    // invocation pays on first use when the bundle defers it.
    const clients = [
      ...new Set(
        [...bundles.values()].flatMap((b) => [...(b.sdk?.atLoad ?? []), ...(b.sdk?.deferred ?? [])]),
      ),
    ].sort();
    const aloneDir = mkdtempSync(join(work, 'sdk-'));
    for (const client of clients)
      bundles.set(`${client} (alone)`, { file: sdkAlone(client, aloneDir), bytes: 0 });
    const errors = new Map<string, string>();
    const measure =
      (label: string, then: readonly string[] = []) =>
      async () => {
        if (errors.has(label)) return Number.NaN;
        try {
          return await loadMs(bundles.get(label)?.file as string, then);
        } catch (error) {
          errors.set(label, describeFailure(error));
          return Number.NaN;
        }
      };
    const steps: Record<string, () => Promise<number>> = {};
    for (const [label, b] of bundles) {
      steps[label] = measure(label);
      if (b.sdk?.deferred.length) steps[`${label} (with SDK)`] = measure(label, b.sdk.deferred);
    }
    // Interleaved: one process per measure per round, so a change in the machine's load hits every entry alike.
    const samples = await interleave(SAMPLES, steps);
    const rowOf = (label: string): Row => {
      const error = errors.get(label);
      const { bytes = 0, sdk } = bundles.get(label) ?? {};
      const withSdk = samples[`${label} (with SDK)`];
      return error
        ? { entry: label, bytes, error, ...(sdk ? { sdk } : {}) }
        : {
            entry: label,
            bytes,
            load: summarize(samples[label] ?? []),
            ...(withSdk ? { withSdk: summarize(withSdk) } : {}),
            ...(sdk ? { sdk } : {}),
          };
    };
    const rows: Row[] = entries.map(([label]) => rowOf(label));
    const sdkRows: Row[] = clients.map((client) => rowOf(`${client} (alone)`));
    const short = (clients: string[]) => clients.map((c) => c.replace('@aws-sdk/client-', '')).join(', ');
    const sdkCell = (sdk?: SdkImports) =>
      sdk
        ? `${short(sdk.atLoad)}${sdk.deferred.length > 0 ? ` (on first use: ${short(sdk.deferred)})` : ''}`
        : '';
    const baseline = rows[0]?.load?.median ?? 0;
    const kib = (b: number) => (b / 1024).toFixed(1);
    const ms = (v: number) => v.toFixed(1);
    const table = [
      '| entry | bundle (KiB) | module load, ms | Δ vs empty (ms) | load + every SDK package on first use, ms | SDK clients loaded at start |',
      '|---|---:|---:|---:|---:|---|',
      ...rows.map((r) =>
        r.error || !r.load
          ? `| ${r.entry} | ${kib(r.bytes)} | load failed: ${(r.error ?? '').replace(/\|/g, '\\|')} | | | ${sdkCell(r.sdk)} |`
          : `| ${r.entry} | ${kib(r.bytes)} | ${cell(r.load, ms)} | ${ms(r.load.median - baseline)} | ${r.withSdk ? cell(r.withSdk, ms) : ''} | ${sdkCell(r.sdk)} |`,
      ),
    ].join('\n');
    const sdkTable = [
      '| SDK client package, imported alone | module load, ms |',
      '|---|---:|',
      ...sdkRows.map(
        (r) =>
          `| ${r.entry.replace(' (alone)', '')} | ${r.load ? cell(r.load, ms) : `load failed: ${r.error ?? ''}`} |`,
      ),
    ].join('\n');
    const deferring = rows.filter((r) => (r.sdk?.deferred.length ?? 0) > 0);
    const tasks = rows.slice(1);
    const big = tasks.filter((r) => r.bytes > BUNDLE_GOAL_BYTES);
    const slow = tasks.filter((r) => (r.load?.median ?? Number.POSITIVE_INFINITY) > LOAD_GOAL_MS);
    const slowWithSdk = deferring.filter(
      (r) => (r.withSdk?.median ?? Number.POSITIVE_INFINITY) > LOAD_GOAL_MS,
    );
    const worstWithSdk = [...deferring].sort(
      (x, y) => (y.withSdk?.median ?? 0) - (x.withSdk?.median ?? 0),
    )[0];
    const markdown = [
      `Every \`tasks/**\` file exporting \`handler\`, bundled as TaskFunction does (infra/constructs/bundling.ts:`,
      'ES module, node24, minified, no source map, `@aws-sdk/client-*` external) and `import`ed in a fresh Node process,',
      `${SAMPLES} rounds, one process per entry per round (interleaved); median (min–max). The AWS SDK loads from`,
      `node_modules as it would from the runtime. Node ${process.version}. Module load only: Lambda's own init comes on top.`,
      '',
      table,
      '',
      sdkTable,
      '',
      `- Bundles over ${BUNDLE_GOAL_BYTES / 1000} KB: ${big.length} of ${tasks.length}${big.length > 0 ? ` (${big.map((r) => `${r.entry.replace(/^tasks\//, '')} ${kib(r.bytes)} KiB`).join(', ')})` : ''}.`,
      `- Module load over ${LOAD_GOAL_MS} ms (median): ${slow.length} of ${tasks.length}${slow.length > 0 ? ` (${slow.map((r) => r.entry.replace(/^tasks\//, '')).join(', ')})` : ''}.`,
      `- SDK client packages imported on first use (infra/bundling/lazyAwsSdk: a client loads its package on its first call), so not counted in module load: ${deferring.length} of ${tasks.length} entries. The load + first use column is what a first invocation that calls every service its bundle names pays, measured in the same process: an upper bound, since most invocations call fewer. It is over ${LOAD_GOAL_MS} ms for ${slowWithSdk.length} of ${deferring.length}${worstWithSdk ? ` (the most: ${worstWithSdk.entry.replace(/^tasks\//, '')}, ${ms(worstWithSdk.withSdk?.median ?? 0)} ms)` : ''}: deferring moves the SDK's load into the invocations that need it; it does not make it cheaper.`,
    ].join('\n');
    return {
      title: 'Cold start',
      markdown,
      data: { samples: SAMPLES, node: process.version, rows, sdkAlone: sdkRows },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
