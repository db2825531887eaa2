import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PROBE = join('test', 'unit', 'cli', 'fixtures', 'xraySdkLoaded.ts');

/** Whether importing `module` (repo-relative) in a fresh process loads the X-Ray SDK. */
const xrayLoadedBy = (module: string): string =>
  execFileSync(TSX, [PROBE, module], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

// The X-Ray SDK creates a cls-hooked namespace when it loads: its async hooks then make every promise of the
// process many times slower (15x for a bare await loop), whether tracing is on or not. The replay tasks carry
// no tracer; their local runner must not load one through the onboarding tasks either.
describe('X-Ray SDK in local replay runs', () => {
  it('is not loaded by the local replay runner', () => {
    expect(xrayLoadedBy('cli/local/runReplayLocally.ts')).toBe('not loaded');
  }, 60_000);

  it('is loaded by the onboarding tasks’ observability (the probe sees it)', () => {
    expect(xrayLoadedBy('tasks/onboarding/observability.ts')).toBe('loaded');
  }, 60_000);
});
