import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { alterUserScramCredentialsV0, Connection, ScramMechanisms } from '@platformatic/kafka';
import { saltedPassword } from '../../../tasks/onboarding/credentials/selfManaged/scramAdmin';
import { readSecretFile } from '../../../tasks/shared/secrets/localFileStore';
import { parseScramCredentials } from '../../../tasks/shared/secrets/scramCredentials';
import type { KafkaStackEntry } from '../stackFile';
import { passwordsOf } from './config';
import { type AdminWait, awaitAdmin } from './health';
import type { KafkaLayout } from './layout';
import { brokerKnowsScramUser } from './scramProbe';
import { ADMIN_USER, CONTROLLER_USER } from './version';

/** What we know when the admin's login is refused. */
export interface AdminRepairFacts {
  /** Whether the broker has a SCRAM-SHA-512 credential named admin at all (brokerKnowsScramUser). */
  brokerKnowsAdmin: boolean;
  /** The password in the admin secret file. */
  secretPassword: string;
  /** The admin password server.properties was written with when the storage was formatted. */
  formattedPassword?: string;
  /** The controller's PLAIN password (server.properties). */
  controllerPassword?: string;
}

export type AdminRepairDecision = { restore: true } | { restore: false; reason: string };

/**
 * Restore the admin's credential only when it is missing (never overwrite one the broker has: then the secret
 * file is what is wrong) and only with the password this storage was formatted with.
 */
export function decideAdminRepair(facts: AdminRepairFacts): AdminRepairDecision {
  if (facts.brokerKnowsAdmin)
    return { restore: false, reason: `the broker has a credential for ${ADMIN_USER}: the password differs` };
  if (facts.formattedPassword === undefined || facts.controllerPassword === undefined)
    return {
      restore: false,
      reason: 'server.properties holds no admin or controller password to restore it with',
    };
  if (facts.formattedPassword !== facts.secretPassword)
    return {
      restore: false,
      reason: `the broker has no credential for ${ADMIN_USER} and the secret file's password is not the one in server.properties`,
    };
  return { restore: true };
}

/** PBKDF2 iterations of the restored credential (kafka-storage --add-scram's default). */
const ADMIN_ITERATIONS = 4096;

/**
 * Upserts the admin's SCRAM-SHA-512 credential through the controller listener, as the `controller` super user
 * (SASL/PLAIN): the one login that does not depend on the SCRAM credentials the broker lost. KRaft controllers
 * serve AlterUserScramCredentials (it is forwarded to them) and authorize it as ALTER on the cluster.
 */
async function upsertAdminViaController(layout: KafkaLayout, controllerPassword: string, password: string) {
  const connection = new Connection('msk-flows-local-admin-repair', {
    connectTimeout: 5_000,
    sasl: { mechanism: 'PLAIN', username: CONTROLLER_USER, password: controllerPassword },
  });
  await connection.connect(layout.host, layout.controllerPort);
  try {
    const salt = randomBytes(32);
    const upsertion = {
      name: ADMIN_USER,
      mechanism: ScramMechanisms.SCRAM_SHA_512,
      iterations: ADMIN_ITERATIONS,
      salt,
      saltedPassword: saltedPassword(password, salt, ADMIN_ITERATIONS),
    };
    await alterUserScramCredentialsV0.api.async(connection, [], [upsertion]);
  } finally {
    await connection.close();
  }
}

/** Gathers the facts (the broker, the secret file, server.properties) and restores the admin when decideAdminRepair says so. */
export async function restoreLostAdmin(
  layout: KafkaLayout,
  log: (message: string) => void,
): Promise<AdminRepairDecision> {
  if (!existsSync(layout.serverProperties)) return { restore: false, reason: 'server.properties is missing' };
  const formatted = passwordsOf(readFileSync(layout.serverProperties, 'utf8'));
  const facts: AdminRepairFacts = {
    brokerKnowsAdmin: await brokerKnowsScramUser(layout.host, layout.clientPort, ADMIN_USER),
    secretPassword: parseScramCredentials(readSecretFile(layout.adminSecretFile), layout.adminSecretFile)
      .password,
    formattedPassword: formatted.admin,
    controllerPassword: formatted.controller,
  };
  const decision = decideAdminRepair(facts);
  if (!decision.restore || facts.controllerPassword === undefined) return decision;
  log(
    `Kafka has no SCRAM credential for ${ADMIN_USER} (a Kafka ScramDelta bug can drop it on a restart, see ` +
      `snapshots.ts); restoring it with the password this storage was formatted with, as the controller`,
  );
  await upsertAdminViaController(layout, facts.controllerPassword, facts.secretPassword);
  return decision;
}

/**
 * awaitAdmin, and when the admin's login is refused: restores a lost admin credential (restoreLostAdmin) and
 * waits again; a refusal it may not repair keeps its reason, with why it was not repaired.
 */
export async function awaitAdminRestoring(
  layout: KafkaLayout,
  entry: KafkaStackEntry,
  options: { timeoutMs: number; exited?: () => boolean },
  log: (message: string) => void,
): Promise<AdminWait> {
  const wait = await awaitAdmin(entry, options);
  if (wait.outcome !== 'auth-failed') return wait;
  let repair: AdminRepairDecision;
  try {
    repair = await restoreLostAdmin(layout, log);
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { outcome: 'auth-failed', reason: `${wait.reason}; not repaired: ${why}` };
  }
  if (!repair.restore)
    return { outcome: 'auth-failed', reason: `${wait.reason}; not repaired: ${repair.reason}` };
  return awaitAdmin(entry, options);
}
