import { assertOffboardable } from '../../../offboarding/ownership';
import { releaseOwned } from '../../../offboarding/releaseOwned';
import { SecretNotFoundError } from '../../../shared/secrets/errors';
import type { SecretStore } from '../../../shared/secrets/store';
import type { Change, Journal } from '../../contracts';
import { appendToJournal } from '../../journal';
import { runContextOf } from '../../registry/runContext';
import { withAdminAndRegistry } from '../../registry/session';
import { scramUserIdentity, secretIdentity } from '../../registryIdentity';
import type { OnboardingRequest } from '../../request';
import { secretNameFor } from '../../request/names';
import { deleteScramCredential, scramMechanismsOf } from './scramAdmin';
import type { ScramUserDeps } from './upsertScramUser';

export interface RemoveScramUserInput {
  request: Pick<OnboardingRequest, 'principal' | 'cluster' | 'requestId'> &
    Partial<Pick<OnboardingRequest, 'adopt'>>;
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

/**
 * Offboarding on self-managed Kafka: deletes the principal's SCRAM-SHA-512 credential and its stored
 * secret, only when msk-flows created that user (or the request adopts it): the platform admin or a user
 * made outside msk-flows is refused with ForeignResourceError and left intact.
 */
export async function removeScramUser(
  input: RemoveScramUserInput,
  deps: ScramUserDeps,
): Promise<RemoveScramUserOutput> {
  const { principal, cluster } = input.request;
  const ctx = runContextOf(input.request, input.journal);
  const secretName = secretNameFor(principal);
  const connection = await deps.connect(cluster);
  const { deleted, hadSecret } = await withAdminAndRegistry(
    connection,
    'removeScramUser',
    async (admin, registry) => {
      const [view, mechanisms] = await Promise.all([registry.view(), scramMechanismsOf(admin, principal)]);
      assertOffboardable({ acls: [], topics: [], scramUser: mechanisms.length > 0 }, view, ctx);
      const removed = mechanisms.length > 0 && (await deleteScramCredential(admin, principal));
      const stored = await secretExists(deps.secrets, secretName);
      if (stored) await deps.secrets.delete(secretName);
      await releaseOwned(registry, view, principal, [
        scramUserIdentity(principal),
        secretIdentity(secretName),
      ]);
      return { deleted: removed, hadSecret: stored };
    },
  );
  deps.logger.info('SCRAM user removed', { user: principal, secretName, deleted, hadSecret });
  const changes: Change[] = [
    { kind: 'scram-user', id: principal, action: deleted ? 'delete' : 'none' },
    { kind: 'secret', id: secretName, action: hadSecret ? 'delete' : 'none' },
  ];
  return appendToJournal(input.journal, changes);
}
