/**
 * What each Lambda bundle is made of: bundles every `tasks/**` entry as TaskFunction does (the cold-start
 * benchmark's entries and options) and prints its size and the packages (or our own folders) that weigh most,
 * from esbuild's metafile (`bytesInOutput`). `npx tsx scripts/bundleReport.ts [filter] [--top N]`.
 */
import { build, type Metafile } from 'esbuild';
import { lambdaEntries } from '../bench/coldStart.bench';
import { taskBuildOptions } from '../infra/constructs/bundling';

/** The package an input path belongs to (`node_modules/@scope/name`), or its first two folders for our code. */
function ownerOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input.split('/').slice(0, 2).join('/');
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

/** Bytes of the bundle's output contributed by each owner, heaviest first. */
function weights(meta: Metafile): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(meta.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      totals.set(ownerOf(input), (totals.get(ownerOf(input)) ?? 0) + bytesInOutput);
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 8;
const filter = args.find((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1)) ?? '';
for (const entry of lambdaEntries().filter((e) => e.includes(filter))) {
  const result = await build({
    ...taskBuildOptions(entry),
    write: false,
    outfile: 'index.mjs',
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles.reduce((sum, f) => sum + f.contents.length, 0);
  const parts = weights(result.metafile)
    .slice(0, top)
    .map(([owner, b]) => `${owner} ${(b / 1000).toFixed(0)}`)
    .join(', ');
  console.log(`${(bytes / 1000).toFixed(1).padStart(7)} KB  ${entry}\n           ${parts}`);
}
