import { resolve } from 'node:path';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretRefError } from './errors';
import { readSecretFile } from './localFileStore';
import { SecretsManagerStore } from './secretsManagerStore';

/** Where a secret lives: Secrets Manager (on AWS) or a local 0600 file (local stack, tests). */
export type SecretRef = { kind: 'secretsManager'; arn: string } | { kind: 'file'; path: string };

const SECRETS_MANAGER_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

/** Parses `arn:…:secretsmanager:…:secret:…`, `file:<path>`, `/abs/path` or `./rel/path` into a SecretRef. */
export function parseSecretRef(value: string): SecretRef {
  if (SECRETS_MANAGER_ARN.test(value)) return { kind: 'secretsManager', arn: value };
  if (value.startsWith('file:') && value.length > 'file:'.length) {
    return { kind: 'file', path: resolve(value.slice('file:'.length)) };
  }
  if (value.startsWith('/') || value.startsWith('./') || value.startsWith('../')) {
    return { kind: 'file', path: resolve(value) };
  }
  throw new SecretRefError(value);
}

/** Dependencies of secret resolution; tests and tasks inject their Secrets Manager client. */
export interface SecretDeps {
  secretsManager?: SecretsManagerClient;
}

/** The secret's string value, from Secrets Manager (GetSecretValue) or from the local file. */
export async function readSecretString(ref: SecretRef | string, deps: SecretDeps = {}): Promise<string> {
  const parsed = typeof ref === 'string' ? parseSecretRef(ref) : ref;
  if (parsed.kind === 'file') return readSecretFile(parsed.path);
  return new SecretsManagerStore({ client: deps.secretsManager }).get(parsed.arn);
}

/** A printable id for error messages and logs: the ARN or the path. */
export function secretRefId(ref: SecretRef): string {
  return ref.kind === 'file' ? ref.path : ref.arn;
}
