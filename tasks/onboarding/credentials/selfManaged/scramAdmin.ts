import { pbkdf2Sync, randomBytes } from 'node:crypto';
import {
  type Admin,
  alterUserScramCredentialsV0,
  describeUserScramCredentialsV0,
  ScramMechanisms,
} from '@platformatic/kafka';
import { controllerConnection } from '../../kafka/platformaticAdmin';
import { onlyProtocolErrors } from '../../kafka/platformaticErrors';

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
}

/** Deletes the user's SCRAM-SHA-512 credential; false when it had none. */
export async function deleteScramCredential(admin: Admin, user: string): Promise<boolean> {
  try {
    const deletion = { name: user, mechanism: ScramMechanisms.SCRAM_SHA_512 };
    await alterUserScramCredentialsV0.api.async(await controllerConnection(admin), [deletion], []);
    return true;
  } catch (error) {
    if (onlyProtocolErrors(error, 'RESOURCE_NOT_FOUND')) return false;
    throw error;
  }
}
