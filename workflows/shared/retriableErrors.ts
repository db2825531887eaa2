import { retriableClasses } from './errorClasses';
import { graphSource } from './moduleGraph';

const CONSTRUCTED = /\bnew\s+([A-Z]\w*)\s*\(/g;
const cache = new Map<string, string[]>();

/**
 * The retriable errors a task can throw: the classes its own code (the module graph of `entry`, the file its
 * Lambda bundles) constructs whose class says `static readonly retriable = true`. What its state retries.
 */
export function retriableErrorsThrownBy(entry: string): string[] {
  const cached = cache.get(entry);
  if (cached) return cached;
  const retriable = retriableClasses();
  const names = new Set<string>();
  for (const [, name] of graphSource(entry).matchAll(CONSTRUCTED)) {
    if (retriable.get(name as string) === true) names.add(name as string);
  }
  const found = [...names].sort();
  cache.set(entry, found);
  return found;
}
