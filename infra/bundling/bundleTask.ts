/**
 * Bundles one Lambda task the way every TaskFunction is bundled (esbuild's API with bundleOptionsFor(entry), plugins
 * included): `tsx infra/bundling/bundleTask.ts <entry> <outdir> [--metafile]` writes `<outdir>/index.mjs`
 * (and `index.meta.json` with --metafile). TaskFunction's local bundling runs it in a child process, because
 * CDK bundles synchronously and esbuild's synchronous API takes no plugins.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { taskBuildOptions } from '../constructs/bundling';
import { RUNTIME_PROVIDED_MODULES } from '../constructs/lambdaRuntime';

const [entry, outdir, ...flags] = process.argv.slice(2);
if (!entry || !outdir) {
  process.stderr.write('usage: bundleTask.ts <entry> <outdir> [--metafile] [--external <module>]…\n');
  process.exit(2);
}
const external = flags.flatMap((flag, i) =>
  flag === '--external' && flags[i + 1] ? [flags[i + 1] as string] : [],
);
const result = await build({
  ...taskBuildOptions(entry),
  external: [...RUNTIME_PROVIDED_MODULES, ...external],
  outfile: join(outdir, 'index.mjs'),
  metafile: flags.includes('--metafile'),
  logLevel: 'warning',
});
if (result.metafile) writeFileSync(join(outdir, 'index.meta.json'), JSON.stringify(result.metafile));
