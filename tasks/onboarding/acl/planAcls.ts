import type { Change } from '../contracts';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { aclExists, withAclAdmin } from './aclAdmin';
import { aclBindingsForRequest, describeBinding } from './roleTemplates';

/** What Grant ACLs would change: one line per binding of the role templates, 'create' or 'none'. */
export async function planAcls(
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster'>,
  deps: KafkaStepDeps,
): Promise<Change[]> {
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return [];
  const connection = await deps.connect(request.cluster);
  return withAclAdmin(connection, 'planAcls', async (admin) => {
    const changes: Change[] = [];
    for (const binding of bindings) {
      const exists = await aclExists(admin, binding);
      changes.push({ kind: 'acl', id: describeBinding(binding), action: exists ? 'none' : 'create' });
    }
    return changes;
  });
}
