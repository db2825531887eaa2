/**
 * A module of its own so the guard rails can name fields without importing the request schema: a module
 * building zod schemas at load keeps them (and their zod code) in every bundle that imports it (issue 12).
 */

/** `['topics', 0, 'config', 'retention.ms']` → `topics[0].config["retention.ms"]`; the root is `(request)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(request)';
}
