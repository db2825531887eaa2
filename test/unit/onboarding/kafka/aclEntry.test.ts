import { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes } from '@platformatic/kafka';
import { toAcl } from '../../../../tasks/onboarding/acl/aclAdmin';

describe('toAcl', () => {
  it('turns a binding into an exact ACL filter: no ANY, no MATCH, no wildcard', () => {
    // Prepare
    const binding = {
      resourceType: 'TOPIC',
      resourceName: 'orders.analytics.',
      patternType: 'PREFIXED',
      principal: 'User:orders-analytics',
      host: '*',
      operation: 'WRITE',
      permission: 'ALLOW',
    } as const;

    // Act
    const entry = toAcl(binding);

    // Assess
    expect(entry).toEqual({
      resourceType: ResourceTypes.TOPIC,
      resourceName: 'orders.analytics.',
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: 'User:orders-analytics',
      host: '*',
      operation: AclOperations.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    });
  });

  it('maps CLUSTER IDEMPOTENT_WRITE and TRANSACTIONAL_ID DESCRIBE', () => {
    // Prepare
    const common = { patternType: 'LITERAL', principal: 'User:p', host: '*', permission: 'ALLOW' } as const;

    // Act
    const cluster = toAcl({
      ...common,
      resourceType: 'CLUSTER',
      resourceName: 'kafka-cluster',
      operation: 'IDEMPOTENT_WRITE',
    });
    const txn = toAcl({
      ...common,
      resourceType: 'TRANSACTIONAL_ID',
      resourceName: 'tx',
      operation: 'DESCRIBE',
    });

    // Assess
    expect([cluster.resourceType, cluster.operation]).toEqual([
      ResourceTypes.CLUSTER,
      AclOperations.IDEMPOTENT_WRITE,
    ]);
    expect([txn.resourceType, txn.operation]).toEqual([
      ResourceTypes.TRANSACTIONAL_ID,
      AclOperations.DESCRIBE,
    ]);
  });
});
