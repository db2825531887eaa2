import type { Admin } from '@platformatic/kafka';
import { SecretNotFoundError } from '../../../shared/secrets/errors';
import { parseScramCredentials, type ScramCredentials } from '../../../shared/secrets/scramCredentials';
import type { SecretStore } from '../../../shared/secrets/store';
import type { Change } from '../../contracts';
import { ScramUserConflictError } from '../../errors';
import { secretNameFor } from '../../request/names';
import { ScramSecretContentError } from '../msk/errors';
import { type ScramMechanismName, scramMechanismsOf } from './scramAdmin';

/** What exists for a principal on a self-managed cluster: its SCRAM mechanisms and our stored secret. */
export interface ScramUserState {
  user: string;
  secretName: string;
  mechanisms: ScramMechanismName[];
  /** The stored credentials, when the secret exists. Holds the password: never log or return it. */
  stored?: ScramCredentials;
}

/** What upserting would do: create the secret and/or the SCRAM-SHA-512 credential, or nothing. */
export interface ScramUserDecision {
  createSecret: boolean;
  createUser: boolean;
  changes: Change[];
}

/** Reads our stored `{"username","password"}`; undefined when the secret does not exist. */
export async function readStoredCredentials(
  secrets: SecretStore,
  secretName: string,
  principal: string,
): Promise<ScramCredentials | undefined> {
  let value: string;
  try {
    value = await secrets.get(secretName);
  } catch (error) {
    if (error instanceof SecretNotFoundError) return undefined;
    throw error;
  }
  const credentials = parseScramCredentials(value, secretName);
  if (credentials.username !== principal) throw new ScramSecretContentError(secretName, principal);
  return credentials;
}

/** Looks at the broker and the secret store (read only). */
export async function inspectScramUser(
  admin: Admin,
  secrets: SecretStore,
  principal: string,
): Promise<ScramUserState> {
  const secretName = secretNameFor(principal);
  const [mechanisms, stored] = await Promise.all([
    scramMechanismsOf(admin, principal),
    readStoredCredentials(secrets, secretName, principal),
  ]);
  return { user: principal, secretName, mechanisms, stored };
}

/**
 * The idempotent decision: user with SCRAM-SHA-512 and our secret → nothing (never rotate on a rerun);
 * user without our secret → ScramUserConflictError; secret without user → create the user with the stored
 * password (an earlier run stored it and failed before the user existed); neither → create both.
 */
export function decideScramUser(state: ScramUserState): ScramUserDecision {
  const hasUser = state.mechanisms.includes('SCRAM-SHA-512');
  if (hasUser && !state.stored) throw new ScramUserConflictError(state.user, state.secretName);
  const createSecret = !state.stored;
  const createUser = !hasUser;
  const changes: Change[] = [
    { kind: 'secret', id: state.secretName, action: createSecret ? 'create' : 'none' },
    {
      kind: 'scram-user',
      id: state.user,
      action: createUser ? 'create' : 'none',
      detail: createUser
        ? `SCRAM-SHA-512${createSecret ? '' : ', password from the existing secret'}`
        : undefined,
    },
  ];
  return { createSecret, createUser, changes };
}
