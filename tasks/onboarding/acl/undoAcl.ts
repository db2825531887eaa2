import type { Change, ClusterRef, LedgerEntry } from '../contracts';
import type { KafkaStepDeps } from '../kafka/types';
import { deleteAcl, withAclAdmin } from './aclAdmin';
import { describeBinding } from './roleTemplates';

type AclEntry = Extract<LedgerEntry, { kind: 'acl' }>;

/** Compensation: deletes exactly the binding THIS execution created (exact filter, never a wildcard). */
export async function undoAcl(entry: AclEntry, cluster: ClusterRef, deps: KafkaStepDeps): Promise<Change> {
  const connection = await deps.connect(cluster);
  const deleted = await withAclAdmin(connection, 'undoAcl', (admin) => deleteAcl(admin, entry.binding));
  const id = describeBinding(entry.binding);
  deps.logger.info('ACL undone', { binding: id, deleted });
  return {
    kind: 'acl',
    id,
    action: deleted > 0 ? 'delete' : 'none',
    detail: deleted > 0 ? undefined : 'already gone',
  };
}
