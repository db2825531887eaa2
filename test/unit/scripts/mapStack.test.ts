import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { BUNDLE_WORKING_DIR, bundleOptionsFor } from '../../../infra/constructs/bundling';
import { bundleSourceMap, mapStackTrace } from '../../../scripts/mapStack';

const ENTRY = relative(BUNDLE_WORKING_DIR, join(import.meta.dirname, 'fixtures', 'throwingTask.ts'));

describe('mapStackTrace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-map-stack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("maps a deployed bundle's frames back to the source lines that threw", async () => {
    // Prepare: the bundle as TaskFunction ships it (no source map), failing in a fresh Node process.
    const bundle = join(dir, 'index.mjs');
    await build({
      ...bundleOptionsFor(ENTRY),
      entryPoints: [ENTRY],
      bundle: true,
      outfile: bundle,
      logLevel: 'silent',
    });
    const runner = join(dir, 'run.mjs');
    writeFileSync(
      runner,
      "try { await (await import('./index.mjs')).handler({}) } catch (e) { process.stdout.write(e.stack) }",
    );
    const stack = execFileSync(process.execPath, [runner], { encoding: 'utf8' });
    expect(stack).not.toContain('throwingTask.ts');

    // Act
    const mapped = mapStackTrace(stack, await bundleSourceMap(ENTRY));

    // Assess
    const frames = mapped.split('\n').filter((line) => line.includes('index.mjs'));
    expect(frames[0]).toMatch(/→ .*test\/unit\/scripts\/fixtures\/throwingTask\.ts:3:\d+/);
    expect(frames[1]).toMatch(/→ .*throwingTask\.ts:8:\d+/);
    expect(mapped.split('\n')[0]).toBe('Error: order has no id');
  });

  it('leaves lines that are not frames of the bundle as they are', () => {
    // Prepare
    const stack =
      'Error: boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)';

    // Act / Assess
    expect(
      mapStackTrace(stack, {
        version: 3,
        sources: [],
        sourcesContent: [],
        names: [],
        mappings: '',
        file: 'index.mjs',
        sourceRoot: '',
      }),
    ).toBe(stack);
  });
});
