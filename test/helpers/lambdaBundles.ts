import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import type { Metafile } from 'esbuild';
import { buildApp } from '../../infra/buildApp';

/** One Lambda function of the app and the bundle esbuild made for it (what `cdk deploy` uploads). */
export interface LambdaBundle {
  stack: string;
  fn: string;
  file: string;
}

type FunctionResource = { Type: string; Metadata?: Record<string, string>; Properties: { Handler?: string } };

/** Synthesizes the app with bundling into `outdir` and returns every function's bundle. */
export function synthesizeBundles(outdir: string, context: Record<string, unknown>): LambdaBundle[] {
  // The CDK CLI turns asset metadata on; a synth in-process must ask for it.
  const { app } = buildApp({
    outdir,
    context: { ...context, 'aws:cdk:enable-asset-metadata': true, 'msk-flows:bundleMetafile': true },
  });
  const assembly = (app as App).synth();
  const found: LambdaBundle[] = [];
  for (const stack of assembly.stacks) {
    const resources = (stack.template as { Resources: Record<string, FunctionResource> }).Resources;
    for (const [id, resource] of Object.entries(resources)) {
      const asset = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || !asset || !resource.Properties.Handler) continue;
      const base = resource.Properties.Handler.split('.')[0];
      const file = ['mjs', 'js'].map((ext) => join(outdir, asset, `${base}.${ext}`)).find(existsSync);
      if (file) found.push({ stack: stack.stackName, fn: id, file });
    }
  }
  return found;
}

/**
 * Gives `dir` a node_modules holding only the AWS SDK v3 clients, as the Lambda runtime does: each a link
 * to the installed client, whose own dependencies resolve from where it is installed (Node follows the
 * link), while a bundle in `dir` sees no other package.
 */
export function provideRuntimeModules(dir: string, projectNodeModules: string): string[] {
  const scope = join(dir, 'node_modules', '@aws-sdk');
  mkdirSync(scope, { recursive: true });
  const clients = readdirSync(join(projectNodeModules, '@aws-sdk')).filter((name) =>
    name.startsWith('client-'),
  );
  for (const client of clients)
    symlinkSync(join(projectNodeModules, '@aws-sdk', client), join(scope, client));
  return clients.map((client) => `@aws-sdk/${client}`);
}

/** The metafile esbuild wrote beside a bundle (`index.meta.json`, see `msk-flows:bundleMetafile`). */
function metafileOf(bundleFile: string): Metafile {
  return JSON.parse(readFileSync(join(dirname(bundleFile), 'index.meta.json'), 'utf8')) as Metafile;
}

/**
 * The modules a bundle leaves for the runtime to resolve (static and dynamic imports, `require` calls), from
 * the metafile esbuild writes beside it (`msk-flows:bundleMetafile`).
 */
export function externalImports(bundleFile: string): string[] {
  const meta = metafileOf(bundleFile);
  const external = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external));
  return [...new Set(external.map((i) => i.path))].sort();
}

/** The external imports a bundle loads at start (static), not those it imports on first use (`import()`). */
export function importsAtLoad(bundleFile: string): string[] {
  const meta = metafileOf(bundleFile);
  const imports = Object.values(meta.outputs).flatMap((o) => o.imports);
  return [
    ...new Set(imports.filter((i) => i.external && i.kind !== 'dynamic-import').map((i) => i.path)),
  ].sort();
}

/** The goal (issue 12): every Lambda bundle at most 500 KB of code, no source map shipped. */
export const BUNDLE_GOAL_BYTES = 500_000;

/**
 * Bundles still over BUNDLE_GOAL_BYTES, each held at its size when written (rounded up, at least 5 KB of
 * headroom) so it can only shrink; the test fails when one is back under the goal, so its line goes. Keyed
 * `<stack without MskFlows-<stage>->/<function logical id without its hash>`. None today: every bundle is under
 * 500 KB (`npx tsx scripts/bundleReport.ts` says what each is made of). A bundle that grows past it needs a line
 * here saying why, or a cut.
 */
export const BUNDLE_CEILINGS: Readonly<Record<string, number>> = {};

/**
 * The source files that make up a bundle (repo-relative paths, each contributing bytes to it), from its
 * metafile: a file esbuild read and then left out entirely (tree-shaken) is not among them.
 */
export function bundleInputs(bundleFile: string): string[] {
  const meta = metafileOf(bundleFile);
  const inputs = Object.values(meta.outputs).flatMap((o) =>
    Object.entries(o.inputs).filter(([, v]) => v.bytesInOutput > 0),
  );
  return [...new Set(inputs.map(([path]) => path))];
}

/** Bytes each source file contributes to a bundle (repo-relative path → bytes), from its metafile. */
export function bundleInputBytes(bundleFile: string): Map<string, number> {
  const meta = metafileOf(bundleFile);
  const bytes = new Map<string, number>();
  for (const output of Object.values(meta.outputs))
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs))
      bytes.set(path, (bytes.get(path) ?? 0) + bytesInOutput);
  return bytes;
}

/** The Kafka client packages a bundle carries (kafkajs, @platformatic/kafka). */
export function kafkaClients(bundleFile: string): string[] {
  const inputs = bundleInputs(bundleFile);
  return ['kafkajs', '@platformatic/kafka'].filter((c) =>
    inputs.some((i) => i.includes(`node_modules/${c}/`)),
  );
}

/** The key of a bundle in BUNDLE_CEILINGS. */
export function bundleKey(bundle: Pick<LambdaBundle, 'stack' | 'fn'>): string {
  return `${bundle.stack.replace(/^MskFlows-[^-]+-/, '')}/${bundle.fn.replace(/[0-9A-F]{8}$/, '')}`;
}
