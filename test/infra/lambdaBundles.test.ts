import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/buildApp';

interface Bundle {
  stack: string;
  fn: string;
  file: string;
}

/** Every Lambda function of the app with the bundle esbuild made for it (as `cdk deploy` would upload). */
function bundles(outdir: string): Bundle[] {
  // The CDK CLI turns asset metadata on; a synth in-process must ask for it.
  const { app } = buildApp({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const assembly = (app as App).synth();
  const found: Bundle[] = [];
  for (const stack of assembly.stacks) {
    const resources = (
      stack.template as {
        Resources: Record<
          string,
          { Type: string; Metadata?: Record<string, string>; Properties: { Handler?: string } }
        >;
      }
    ).Resources;
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

describe('Lambda bundles', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'msk-flows-bundles-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const all = bundles(outdir);
  // The nodejs24.x runtime provides the AWS SDK v3, so NodejsFunction leaves `@aws-sdk/*` out of the
  // bundle; only that scope is made resolvable here, so any other unbundled import still fails.
  mkdirSync(join(outdir, 'node_modules'));
  symlinkSync(
    join(import.meta.dirname, '..', '..', 'node_modules', '@aws-sdk'),
    join(outdir, 'node_modules', '@aws-sdk'),
  );

  it('bundles every function of every stack', () => {
    expect(all.length).toBeGreaterThanOrEqual(16);
  });

  // A bundle that throws at module load fails every invocation; esbuild alone does not catch it
  // (e.g. `import.meta.url` in a CommonJS bundle, a wasm file a bundle does not carry).
  it.each(all.map((b) => [`${b.stack}/${b.fn}`, b.file]))('%s loads and exports a handler', (_name, file) => {
    // Prepare: a separate Node process, as Lambda loads it, with no project files on its path
    const script = `const m = await import(${JSON.stringify(file)}); process.stdout.write(typeof m.handler);`;

    // Act
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: outdir,
      env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', BUCKET: 'b', TARGET_TOPIC: 't' },
      encoding: 'utf8',
      timeout: 30_000,
    });

    // Assess
    expect(out).toBe('function');
  });
});
