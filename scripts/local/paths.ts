import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const PACKAGE_NAME = 'msk-flows';

/** Absolute path of the repository root: $MSK_FLOWS_ROOT, else the msk-flows package.json above this file. */
export function repoRoot(): string {
  if (process.env.MSK_FLOWS_ROOT) return resolve(process.env.MSK_FLOWS_ROOT);
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Cannot find the ${PACKAGE_NAME} repository above ${process.cwd()}; set MSK_FLOWS_ROOT`,
      );
    }
    dir = parent;
  }
}

/** Runtime layout under `<repo>/.local/` (git-ignored). */
export interface LocalPaths {
  root: string;
  local: string;
  logs: string;
  run: string;
  secrets: string;
  stackFile: string;
}

/** Where the local stack keeps its runtime files: `<root>/.local`, or `local` (a private instance, e.g. in tests). */
export function localPaths(root: string = repoRoot(), local: string = join(root, '.local')): LocalPaths {
  return {
    root,
    local,
    logs: join(local, 'logs'),
    run: join(local, 'run'),
    secrets: join(local, 'secrets'),
    stackFile: join(local, 'stack.json'),
  };
}

/** Download cache shared by every checkout: ${MSK_FLOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/msk-flows}. */
export function cacheDir(): string {
  if (process.env.MSK_FLOWS_CACHE) return resolve(process.env.MSK_FLOWS_CACHE);
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, PACKAGE_NAME);
}
