import { SecretFormatError } from './errors';
import { parseSecretRef, readSecretString, type SecretDeps, type SecretRef, secretRefId } from './secretRef';

/** SCRAM user credentials as MSK stores them: SecretString `{"username":"…","password":"…"}`. */
export interface ScramCredentials {
  username: string;
  password: string;
}

/**
 * The problems of a parsed secret, by field (never the values). Written out rather than a zod schema: every
 * Kafka-facing Lambda reads a secret, and zod would be ~90 KiB of each bundle for two fields.
 */
function problemsOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return ['(root): expected an object with username and password'];
  }
  const fields = json as Record<string, unknown>;
  return (['username', 'password'] as const).flatMap((field) => {
    const value = fields[field];
    if (typeof value !== 'string') return [`${field}: expected a string`];
    return value.length === 0 ? [`${field}: must not be empty`] : [];
  });
}

/** Validates a secret string as SCRAM credentials; errors name the bad fields, never the value. */
export function parseScramCredentials(secretString: string, secretId: string): ScramCredentials {
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    // No cause: JSON.parse's message quotes the input, which is the secret.
    throw new SecretFormatError(secretId, ['SecretString: not valid JSON']);
  }
  const problems = problemsOf(json);
  if (problems.length > 0) throw new SecretFormatError(secretId, problems);
  const { username, password } = json as ScramCredentials;
  return { username, password };
}

/** Reads and validates the SCRAM credentials a secret reference points at. */
export async function readScramCredentials(
  ref: SecretRef | string,
  deps: SecretDeps = {},
): Promise<ScramCredentials> {
  const parsed = typeof ref === 'string' ? parseSecretRef(ref) : ref;
  return parseScramCredentials(await readSecretString(parsed, deps), secretRefId(parsed));
}
