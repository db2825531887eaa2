import type { Change } from '../contracts';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { existingBindings } from './aclAdmin';
import { aclBindingsForRequest, describeBinding } from './roleTemplates';

/** What Grant ACLs would change: one line per binding of the role templates, 'create' or 'none' (one DescribeAcls). */
export async function planAcls(
  request: Pick<OnboardingRequest, 'principal' | 'grants' | 'cluster'>,
  deps: KafkaStepDeps,
): Promise<Change[]> {
  const bindings = aclBindingsForRequest(request);
  if (bindings.length === 0) return [];
  const connection = await deps.connect(request.cluster);
  const existing = await withPlatformaticAdmin(connection, 'planAcls', (admin) =>
    existingBindings(admin, bindings),
  );
  return bindings.map((binding) => {
    const id = describeBinding(binding);
    return { kind: 'acl', id, action: existing.has(id) ? 'none' : 'create' };
  });
}
