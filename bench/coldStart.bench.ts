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
import { BUNDLE_OPTIONS } from '../infra/constructs/bundling';
import type { BenchResult } from './types';

const execFileAsync = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const SAMPLES = 7;
/** What a module must say to be a Lambda entry: it exports `handler`. */
const EXPORTS_HANDLER =
  /export\s+(?:const|let|var|async\s+function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b[^}]*\}/;

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
 * Bundles like TaskFunction (NodejsFunction), with the same options (infra/constructs/bundling.ts) and the
 * SDK's clients external (the runtime provides them).
 */
async function bundle(
  entry: string,
  outdir: string,
): Promise<{ file: string; bytes: number; warnings: number }> {
  const file = join(outdir, 'index.mjs');
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [entry],
    bundle: true,
    external: ['@aws-sdk/client-*'],
    outfile: file,
    logLevel: 'silent',
  });
  return { file, bytes: statSync(file).size, warnings: result.warnings.length };
}

/**
 * Module-load time of `file` in a fresh Node process, as Lambda's init loads it: `import` of the bundle, the SDK resolved from a `node_modules/@aws-sdk` link beside
 * the bundle, standing in for the runtime's.
 */
async function loadMs(file: string): Promise<number> {
  const script =
    'const t=process.hrtime.bigint();await import(process.argv[1]);' +
    'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
  const sdk = join(dirname(file), 'node_modules', '@aws-sdk');
  if (!existsSync(sdk)) {
    mkdirSync(dirname(sdk), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), sdk);
  }
  const args = ['--input-type=module', '-e', script, file];
  const { stdout } = await execFileAsync(process.execPath, args, {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Row {
  entry: string;
  bytes?: number;
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  error?: string;
}

async function measure(entry: string, label: string, work: string): Promise<Row> {
  const outdir = mkdtempSync(join(work, 'fn-'));
  let bytes: number | undefined;
  try {
    const bundled = await bundle(entry, outdir);
    bytes = bundled.bytes;
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await loadMs(bundled.file));
    return {
      entry: label,
      bytes,
      medianMs: median(samples),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
    };
  } catch (error) {
    // keepNames leaves our function names in the stack, which is what a reader needs.
    const lines = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n');
    const what = lines.find((l) => /Error/.test(l)) ?? lines[0] ?? 'failed';
    const where = lines.find((l) => /^\s+at .*node_modules|^\s+at .*\/tasks\//.test(l))?.trim() ?? '';
    return { entry: label, bytes, error: where ? `${what} (${where.replace(`${ROOT}/`, '')})` : what };
  }
}

/** Cold start: bundled size and module-load time of every Lambda entry beside an empty handler's. */
export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'msk-flows-cold-start-'));
  try {
    const empty = join(work, 'empty.ts');
    writeFileSync(empty, 'export const handler = async () => ({});\n');
    const baseline = await measure(empty, '(empty handler)', work);
    const rows = [baseline];
    for (const entry of lambdaEntries()) rows.push(await measure(join(ROOT, entry), entry, work));
    const kib = (b?: number) => (b === undefined ? '–' : (b / 1024).toFixed(1));
    const ms = (v?: number) => (v === undefined ? '–' : v.toFixed(1));
    const table = [
      '| entry | bundle (KiB) | module load, median (ms) | min–max (ms) | Δ vs empty (ms) |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((r) =>
        r.error
          ? `| ${r.entry} | ${kib(r.bytes)} | load failed: ${r.error.replace(/\|/g, '\\|')} | | |`
          : `| ${r.entry} | ${kib(r.bytes)} | ${ms(r.medianMs)} | ${ms(r.minMs)}–${ms(r.maxMs)} | ${ms((r.medianMs ?? 0) - (baseline.medianMs ?? 0))} |`,
      ),
    ].join('\n');
    const markdown = [
      `Every \`tasks/**\` file exporting \`handler\`, bundled as TaskFunction does (infra/constructs/bundling.ts:`,
      'ES module, node24, minified, no source map, `@aws-sdk/client-*` external) and `import`ed in a fresh Node process,',
      `${SAMPLES} processes each (median); the AWS SDK loads from node_modules as it would from the runtime.`,
      `Node ${process.version}. Module load only: Lambda's own init (runtime start, code download) comes on top.`,
      '',
      table,
    ].join('\n');
    return { title: 'Cold start', markdown, data: { samples: SAMPLES, node: process.version, rows } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
