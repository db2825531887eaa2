import { z } from 'zod';
import { SecretFormatError } from './errors';
import { parseSecretRef, readSecretString, type SecretDeps, type SecretRef, secretRefId } from './secretRef';

/** SCRAM user credentials as MSK stores them: SecretString `{"username":"…","password":"…"}`. */
export interface ScramCredentials {
  username: string;
  password: string;
}

const schema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
});

/** Validates a secret string as SCRAM credentials; errors name the bad fields, never the value. */
export function parseScramCredentials(secretString: string, secretId: string): ScramCredentials {
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    // No cause: JSON.parse's message quotes the input, which is the secret.
    throw new SecretFormatError(secretId, ['SecretString: not valid JSON']);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new SecretFormatError(secretId, problems);
  }
  return { username: result.data.username, password: result.data.password };
}

/** Reads and validates the SCRAM credentials a secret reference points at. */
export async function readScramCredentials(
  ref: SecretRef | string,
  deps: SecretDeps = {},
): Promise<ScramCredentials> {
  const parsed = typeof ref === 'string' ? parseSecretRef(ref) : ref;
  return parseScramCredentials(await readSecretString(parsed, deps), secretRefId(parsed));
}
