import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { SecretNotFoundError } from '../../../shared/secrets/errors';
import type { SecretStore } from '../../../shared/secrets/store';
import { logger } from '../../cluster/clients';
import type { Change, Journal } from '../../contracts';
import { appendToJournal } from '../../journal';
import { kafkaTaskDeps } from '../../kafka/clients';
import { withPlatformaticAdmin } from '../../kafka/platformaticAdmin';
import type { OnboardingRequest } from '../../request';
import { secretNameFor } from '../../request/names';
import { deleteScramCredential } from './scramAdmin';
import type { ScramUserDeps } from './upsertScramUser';

export interface RemoveScramUserInput {
  request: Pick<OnboardingRequest, 'principal' | 'cluster'>;
  journal: Journal;
}

/** The journal with one change for the SCRAM user and one for its secret ('delete' or 'none'). */
export type RemoveScramUserOutput = Journal;

async function secretExists(secrets: SecretStore, name: string): Promise<boolean> {
  try {
    await secrets.get(name);
    return true;
  } catch (error) {
    if (error instanceof SecretNotFoundError) return false;
    throw error;
  }
}

/** Offboarding on self-managed Kafka: deletes the principal's SCRAM-SHA-512 credential and its stored secret. */
export async function removeScramUser(
  input: RemoveScramUserInput,
  deps: ScramUserDeps,
): Promise<RemoveScramUserOutput> {
  const { principal, cluster } = input.request;
  const secretName = secretNameFor(principal);
  const connection = await deps.connect(cluster);
  const deleted = await withPlatformaticAdmin(connection, 'removeScramUser', (admin) =>
    deleteScramCredential(admin, principal),
  );
  const hadSecret = await secretExists(deps.secrets, secretName);
  if (hadSecret) await deps.secrets.delete(secretName);
  deps.logger.info('SCRAM user removed', { user: principal, secretName, deleted, hadSecret });
  const changes: Change[] = [
    { kind: 'scram-user', id: principal, action: deleted ? 'delete' : 'none' },
    { kind: 'secret', id: secretName, action: hadSecret ? 'delete' : 'none' },
  ];
  return appendToJournal(input.journal, changes);
}

/** Lambda entry point of offboarding's SCRAM user removal (self-managed clusters). */
export const handler = middy(async (event: RemoveScramUserInput) =>
  removeScramUser(event, kafkaTaskDeps),
).use(injectLambdaContext(logger));
