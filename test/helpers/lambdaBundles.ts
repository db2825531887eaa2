import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { App } from 'aws-cdk-lib';
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

/**
 * The modules a bundle leaves for the runtime to resolve (static and dynamic imports, `require` calls), from
 * the metafile esbuild writes beside it (`msk-flows:bundleMetafile`).
 */
export function externalImports(bundleFile: string): string[] {
  const meta = JSON.parse(readFileSync(join(dirname(bundleFile), 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  };
  const external = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external));
  return [...new Set(external.map((i) => i.path))].sort();
}
