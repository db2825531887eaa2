import type { Change, ClusterRef, LedgerEntry } from '../../contracts';
import { withPlatformaticAdmin } from '../../kafka/platformaticAdmin';
import { deleteScramCredential } from './scramAdmin';
import type { ScramUserDeps } from './upsertScramUser';

type ScramUserEntry = Extract<LedgerEntry, { kind: 'scram-user' }>;

/**
 * Compensation for a SCRAM user THIS execution created: deletes its SCRAM-SHA-512 credential and the
 * stored secret. Already gone → action 'none'.
 */
export async function undoScramUser(
  entry: ScramUserEntry,
  cluster: ClusterRef,
  deps: ScramUserDeps,
): Promise<Change> {
  const connection = await deps.connect(cluster);
  const deleted = await withPlatformaticAdmin(connection, 'undoScramUser', (admin) =>
    deleteScramCredential(admin, entry.user),
  );
  await deps.secrets.delete(entry.secretName);
  deps.logger.info('SCRAM user deleted (compensation)', {
    user: entry.user,
    secretName: entry.secretName,
    deleted,
  });
  return {
    kind: 'scram-user',
    id: entry.user,
    action: deleted ? 'delete' : 'none',
    detail: deleted ? `and secret ${entry.secretName}` : 'already deleted',
  };
}
