import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SecretAccessError, SecretError, SecretNotFoundError } from './errors';
import type { SecretStore } from './store';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Reads a secret file; SecretNotFoundError when it is missing. */
export function readSecretFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) throw new SecretNotFoundError(path, { cause: error });
    throw new SecretAccessError(path, 'read', { cause: error });
  }
}

/** Writes a secret file readable by its owner only (0600, directory 0700), atomically. */
export function writeSecretFile(path: string, value: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const staging = `${path}.tmp-${process.pid}`;
    writeFileSync(staging, value, { mode: 0o600 });
    chmodSync(staging, 0o600); // the mode option is masked by umask and ignored for existing files
    renameSync(staging, path);
  } catch (error) {
    throw new SecretAccessError(path, 'write', { cause: error });
  }
}

/** Local stand-in for Secrets Manager: secret `<name>` is the file `<dir>/<name>.json`, mode 0600. */
export class LocalFileSecretStore implements SecretStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Absolute path of the file holding secret `name`. */
  pathOf(name: string): string {
    // Names become file names: refuse anything that could leave the directory.
    if (!NAME.test(name)) throw new SecretError(`Invalid local secret name '${name}'`, { secretId: name });
    return join(this.dir, `${name}.json`);
  }

  async get(name: string): Promise<string> {
    return readSecretFile(this.pathOf(name));
  }

  async put(name: string, value: string): Promise<void> {
    writeSecretFile(this.pathOf(name), value);
  }

  async delete(name: string): Promise<void> {
    rmSync(this.pathOf(name), { force: true });
  }
}
