import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLASS_HEADER = /^export class (\w+) extends (\w+)[^{]*\{/gm;
const RETRIABLE_FLAG = /^\s*static (?:override )?readonly retriable(?::\s*boolean)?\s*=\s*(true|false)\s*;/m;

/** An error class of our runtime code, read from its source. */
export interface ErrorClassSource {
  name: string;
  parent: string;
  /** The file declaring it, repo-relative. */
  file: string;
  /** Its own `static readonly retriable = …`, if it declares one. */
  ownFlag?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every exported class under tasks/ that extends something, with the retriable flag its body declares. */
export function declaredClasses(root: string = ROOT): ErrorClassSource[] {
  return sourceFiles(join(root, 'tasks')).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const headers = [...text.matchAll(CLASS_HEADER)];
    return headers.map((header, i) => {
      const body = text.slice(header.index, headers[i + 1]?.index ?? text.length);
      const flag = RETRIABLE_FLAG.exec(body)?.[1];
      return {
        name: header[1] as string,
        parent: header[2] as string,
        file: relative(root, path),
        ...(flag ? { ownFlag: flag === 'true' } : {}),
      };
    });
  });
}

let retriableByName: ReadonlyMap<string, boolean> | undefined;

/**
 * Class name → whether it is retriable: its own `static readonly retriable`, else its parent's (a static
 * is inherited), else false. Read from the source once per process.
 */
export function retriableClasses(): ReadonlyMap<string, boolean> {
  if (retriableByName) return retriableByName;
  const classes = new Map(declaredClasses().map((c) => [c.name, c]));
  const resolved = new Map<string, boolean>();
  const resolveFlag = (name: string, depth = 0): boolean => {
    const known = resolved.get(name);
    if (known !== undefined) return known;
    const cls = classes.get(name);
    const flag =
      cls === undefined || depth > 20 ? false : (cls.ownFlag ?? resolveFlag(cls.parent, depth + 1));
    resolved.set(name, flag);
    return flag;
  };
  for (const name of classes.keys()) resolveFlag(name);
  retriableByName = resolved;
  return resolved;
}
