import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Admin,
  alterUserScramCredentialsV0,
  describeUserScramCredentialsV0,
  ScramMechanisms,
} from '@platformatic/kafka';
import { controllerConnection } from '../../kafka/platformaticAdmin';
import { onlyProtocolErrors } from '../../kafka/platformaticErrors';
import { ScramCredentialNotYetVisibleError } from './errors';

/**
 * SCRAM credentials on self-managed Kafka through the admin API of KIP-554 (AlterUserScramCredentials /
 * DescribeUserScramCredentials, Kafka ≥ 2.7), which kafkajs lacks; @platformatic/kafka has the raw APIs.
 * https://cwiki.apache.org/confluence/display/KAFKA/KIP-554%3A+Add+Broker-side+SCRAM+Config+API
 */

/** PBKDF2 iterations of the credentials we create (Kafka accepts 4096–16384 for SCRAM-SHA-512). */
export const SCRAM_ITERATIONS = 8192;

export type ScramMechanismName = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

const MECHANISM_NAMES: Record<number, ScramMechanismName> = {
  [ScramMechanisms.SCRAM_SHA_256]: 'SCRAM-SHA-256',
  [ScramMechanisms.SCRAM_SHA_512]: 'SCRAM-SHA-512',
};

/**
 * SCRAM's SaltedPassword (RFC 5802 §3: Hi() is PBKDF2-HMAC-SHA-512 of the password's UTF-8 bytes, as in
 * Kafka's ScramFormatter): what the API takes, so the password itself never leaves this process.
 */
export function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(password, salt, iterations, 64, 'sha512');
}

/** The SCRAM mechanisms a user has credentials for; empty when the user has none. */
export async function scramMechanismsOf(admin: Admin, user: string): Promise<ScramMechanismName[]> {
  try {
    const response = await describeUserScramCredentialsV0.api.async(await controllerConnection(admin), [
      { name: user },
    ]);
    const infos = response.results.find((result) => result.user === user)?.credentialInfos ?? [];
    return infos.map((info) => MECHANISM_NAMES[info.mechanism]).filter((name) => name !== undefined);
  } catch (error) {
    if (onlyProtocolErrors(error, 'RESOURCE_NOT_FOUND')) return [];
    throw error;
  }
}

/** Creates or replaces the user's SCRAM-SHA-512 credential (fresh random salt). Never log `password`. */
export async function upsertScramCredential(
  admin: Admin,
  user: string,
  password: string,
  iterations = SCRAM_ITERATIONS,
): Promise<void> {
  const salt = randomBytes(32);
  const upsertion = {
    name: user,
    mechanism: ScramMechanisms.SCRAM_SHA_512,
    iterations,
    salt,
    saltedPassword: saltedPassword(password, salt, iterations),
  };
  await alterUserScramCredentialsV0.api.async(await controllerConnection(admin), [], [upsertion]);
  await untilScramVisible(admin, user, true);
}

/** Deletes the user's SCRAM-SHA-512 credential; false when it had none. */
export async function deleteScramCredential(admin: Admin, user: string): Promise<boolean> {
  try {
    const deletion = { name: user, mechanism: ScramMechanisms.SCRAM_SHA_512 };
    await alterUserScramCredentialsV0.api.async(await controllerConnection(admin), [deletion], []);
    await untilScramVisible(admin, user, false);
    return true;
  } catch (error) {
    if (onlyProtocolErrors(error, 'RESOURCE_NOT_FOUND')) return false;
    throw error;
  }
}

/** How long a SCRAM change may take to reach the broker's metadata before the step fails (retriable). */
export const SCRAM_VISIBILITY_TIMEOUT_MS = 10_000;

/**
 * Waits until the broker shows (or no longer shows) the user's SCRAM-SHA-512 credential. KRaft answers the
 * alter once the controller has committed it; the broker that serves describes and logins applies it
 * a moment later, so without this a plan or login right after the step may still see the old state.
 */
async function untilScramVisible(admin: Admin, user: string, present: boolean): Promise<void> {
  const deadline = Date.now() + SCRAM_VISIBILITY_TIMEOUT_MS;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const visible = (await scramMechanismsOf(admin, user)).includes('SCRAM-SHA-512');
    if (visible === present) return;
    if (Date.now() > deadline) throw new ScramCredentialNotYetVisibleError(user, present);
    await sleep(delay);
  }
}
