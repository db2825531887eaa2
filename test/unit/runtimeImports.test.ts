import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { moduleGraph } from '../../workflows/shared/moduleGraph';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Every TypeScript file under tasks/: the code Lambda runs. */
function runtimeFiles(dir = join(ROOT, 'tasks')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return runtimeFiles(path);
    return entry.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('runtime code (tasks/)', () => {
  const files = runtimeFiles();

  it('is found (the scan would otherwise prove nothing)', () => {
    // Assess
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('tasks/onboarding/planChanges.ts');
  });

  it('never reaches the local stack, the CLI, the tests or the infra through its imports', () => {
    // Act
    const offenders = files.flatMap((file) =>
      moduleGraph(file)
        .filter((module) => !module.startsWith('tasks/'))
        .map((module) => `${file} → ${module}`),
    );

    // Assess
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('has no local-only adapters (they live under scripts/local/)', () => {
    // Assess
    expect(files.filter((file) => /\/local\.ts$/.test(file))).toEqual([]);
    expect(readFileSync(join(ROOT, 'scripts/local/ingest/kinesisToKafka.ts'), 'utf8')).toMatch(
      /createBridgeHandler/,
    );
  });
});
