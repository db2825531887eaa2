import type { Change, ClusterRef, LedgerEntry } from '../../contracts';
import { withPlatformaticAdmin } from '../../kafka/platformaticAdmin';
import { deleteScramCredential } from './scramAdmin';
import type { ScramUserDeps } from './upsertScramUser';

type ScramUserEntry = Extract<LedgerEntry, { kind: 'scram-user' }>;

/**
 * Compensation for a SCRAM user THIS execution created: deletes its SCRAM-SHA-512 credential and the
 * stored secret if this execution stored it (immediately: a rerun must be able to store it again).
 * Already gone → action 'none'.
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
  const secretCreated = entry.secretCreated !== false;
  if (secretCreated) await deps.secrets.delete(entry.secretName, { immediately: true });
  deps.logger.info('SCRAM user deleted (compensation)', {
    user: entry.user,
    secretName: entry.secretName,
    deleted,
  });
  return {
    kind: 'scram-user',
    id: entry.user,
    action: deleted ? 'delete' : 'none',
    detail: deleted
      ? secretCreated
        ? `and secret ${entry.secretName}`
        : 'secret kept: it predates this run'
      : 'already deleted',
  };
}
