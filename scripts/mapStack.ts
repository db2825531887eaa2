/**
 * Maps a stack trace from a deployed Lambda bundle back to our sources: `npx tsx scripts/mapStack.ts <entry>
 * [stack.txt]` (the stack on standard input without a file). Bundles ship minified, without source maps or kept
 * names (infra/constructs/bundling.ts), so a frame reads `index.mjs:1:23456`; esbuild builds the same code from
 * the same commit, and this rebuilds `<entry>` exactly as TaskFunction does, with a source map beside it, then
 * appends to every bundle frame the source file, line, column and name it comes from.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { build } from 'esbuild';
import { taskBuildOptions } from '../infra/constructs/bundling';

/** A bundle frame: `…index.mjs:<line>:<column>` (1-based, as V8 prints them). */
const BUNDLE_FRAME = /index\.mjs:(\d+):(\d+)/;

/** `stack` with ` → <source>:<line>:<column> (<name>)` after every frame of the bundle the map describes. */
export function mapStackTrace(stack: string, map: SourceMapPayload): string {
  const sourceMap = new SourceMap(map);
  return stack
    .split('\n')
    .map((line) => {
      const frame = BUNDLE_FRAME.exec(line);
      if (!frame) return line;
      const entry = sourceMap.findEntry(Number(frame[1]) - 1, Number(frame[2]) - 1);
      if (!('originalSource' in entry)) return line;
      const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
      // Node adds the original name when the map has one (its types do not say so yet).
      const original = (entry as { name?: string }).name;
      const name = original ? ` (${original})` : '';
      return `${line} → ${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${name}`;
    })
    .join('\n');
}

/** The source map of `entry`'s bundle, built as TaskFunction builds it (the code is the same byte for byte). */
export async function bundleSourceMap(entry: string): Promise<SourceMapPayload> {
  const result = await build({
    ...taskBuildOptions(entry),
    outfile: 'index.mjs',
    sourcemap: 'external',
    write: false,
    logLevel: 'silent',
  });
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  if (!map) throw new Error(`esbuild wrote no source map for ${entry}`);
  return JSON.parse(map.text) as SourceMapPayload;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, file] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: npx tsx scripts/mapStack.ts <tasks/…/entry.ts> [stack.txt]\n');
    process.exit(2);
  }
  const stack = readFileSync(file ?? 0, 'utf8');
  process.stdout.write(`${mapStackTrace(stack, await bundleSourceMap(entry))}\n`);
}
