import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/**
 * The repo's own modules a file reaches through relative imports (itself included), repo-relative, sorted. Used at synth time to
 * derive a task's Retry list from the errors its code constructs, and by tests.
 */
export function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const base = resolve(dirname(file), spec as string);
      const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
        (p) => p.endsWith('.ts') && existsSync(p),
      );
      if (found) pending.push(found);
    }
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/** The source text of every module of the graph, joined. */
export function graphSource(entry: string): string {
  return moduleGraph(entry)
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');
}

/** The AWS SDK commands constructed anywhere in the graph (`new GetSecretValueCommand(`). */
export function commandsIn(entry: string): string[] {
  return [
    ...new Set([...graphSource(entry).matchAll(/\bnew (\w+Command)\(/g)].map((m) => m[1] as string)),
  ].sort();
}
