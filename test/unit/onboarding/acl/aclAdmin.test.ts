import { describe, expect, it } from '@jest/globals';
import type { Acl, Admin } from '@platformatic/kafka';
import { createAcls } from '../../../../tasks/onboarding/acl/aclAdmin';
import type { AclBinding } from '../../../../tasks/onboarding/contracts';

const binding = (resourceName: string, operation: AclBinding['operation']): AclBinding => ({
  resourceType: 'TOPIC',
  resourceName,
  patternType: 'LITERAL',
  principal: 'User:orders-app',
  host: '*',
  operation,
  permission: 'ALLOW',
});

/**
 * An admin whose CreateAcls is acknowledged at once (the controller committed it) while DescribeAcls shows
 * the created ACLs only from its `lagDescribes + 1`-th answer on (the broker applies metadata a moment later).
 */
function brokerApplyingLate(lagDescribes: number) {
  const created: Acl[] = [];
  let describes = 0;
  const admin = {
    createAcls: async ({ creations }: { creations: Acl[] }) => {
      created.push(...creations);
    },
    describeAcls: async () => {
      describes += 1;
      if (describes <= lagDescribes) return [];
      return created.map(({ operation, permissionType, principal, host, ...target }) => ({
        ...target,
        acls: [{ operation, permissionType, principal, host }],
      }));
    },
  };
  return { admin: admin as unknown as Admin, describes: () => describes };
}

describe('createAcls', () => {
  it('returns only once the broker shows every ACL it created', async () => {
    // Prepare
    const broker = brokerApplyingLate(3);

    // Act
    await createAcls(broker.admin, [binding('orders.events', 'READ'), binding('orders.events', 'DESCRIBE')]);

    // Assess: three answers without them, the fourth with both.
    expect(broker.describes()).toBe(4);
  });

  it('asks once when the broker shows them at once, and not at all for no bindings', async () => {
    // Prepare
    const prompt = brokerApplyingLate(0);
    const idle = brokerApplyingLate(0);

    // Act
    await createAcls(prompt.admin, [binding('orders.events', 'READ')]);
    await createAcls(idle.admin, []);

    // Assess
    expect([prompt.describes(), idle.describes()]).toEqual([1, 0]);
  });
});
