import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SecretStore } from '../../../shared/secrets/store';
import { logger } from '../../cluster/clients';
import type { Journal, LedgerEntry } from '../../contracts';
import { appendToJournal } from '../../journal';
import { kafkaTaskDeps } from '../../kafka/clients';
import { withPlatformaticAdmin } from '../../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../../kafka/types';
import type { OnboardingRequest } from '../../request';
import { randomScramPassword } from './password';
import { upsertScramCredential } from './scramAdmin';
import { decideScramUser, inspectScramUser } from './scramUserState';

export interface UpsertScramUserInput {
  request: Pick<OnboardingRequest, 'principal' | 'cluster'>;
  journal: Journal;
}

/** The journal, extended with the secret and SCRAM user changes (and a ledger entry when created). */
export type UpsertScramUserOutput = Journal;

export interface ScramUserDeps extends KafkaStepDeps {
  secrets: SecretStore;
}

/**
 * Ensure Credentials on self-managed Kafka: stores a generated password as `AmazonMSK_<principal>`
 * (`{"username","password"}`), then upserts the SCRAM-SHA-512 user (KIP-554). A rerun changes nothing and
 * never rotates the password. If the user cannot be created, a secret this call stored is deleted again.
 */
export async function upsertScramUser(
  input: UpsertScramUserInput,
  deps: ScramUserDeps,
): Promise<UpsertScramUserOutput> {
  const { principal, cluster } = input.request;
  const connection = await deps.connect(cluster);
  return withPlatformaticAdmin(connection, 'upsertScramUser', async (admin) => {
    const state = await inspectScramUser(admin, deps.secrets, principal);
    const decision = decideScramUser(state);
    if (!decision.createUser) return appendToJournal(input.journal, decision.changes);

    const password = state.stored?.password ?? randomScramPassword();
    // Secret first: a crash in between leaves a secret without a user (the rerun reuses it), never a
    // user whose password nobody knows.
    if (decision.createSecret)
      await deps.secrets.put(state.secretName, JSON.stringify({ username: principal, password }));
    try {
      await upsertScramCredential(admin, principal, password);
    } catch (error) {
      if (decision.createSecret) await deps.secrets.delete(state.secretName, { immediately: true });
      throw error;
    }
    deps.logger.info('SCRAM user created', {
      user: principal,
      secretName: state.secretName,
      cluster: connection.cluster,
    });
    const entry: LedgerEntry = {
      kind: 'scram-user',
      user: principal,
      secretName: state.secretName,
      secretCreated: decision.createSecret,
    };
    return appendToJournal(input.journal, decision.changes, [entry]);
  });
}

/** Lambda entry point of the "Upsert Scram User" state. */
export const handler = middy(async (event: UpsertScramUserInput) =>
  upsertScramUser(event, kafkaTaskDeps),
).use(injectLambdaContext(logger));
