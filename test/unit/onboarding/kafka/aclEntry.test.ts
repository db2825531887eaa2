import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { toAclEntry } from '../../../../tasks/onboarding/acl/aclAdmin';

describe('toAclEntry', () => {
  it('turns a binding into an exact kafkajs filter: no ANY, no MATCH, no wildcard', () => {
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
    const entry = toAclEntry(binding);

    // Assess
    expect(entry).toEqual({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'orders.analytics.',
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: 'User:orders-analytics',
      host: '*',
      operation: AclOperationTypes.WRITE,
      permissionType: AclPermissionTypes.ALLOW,
    });
  });

  it('maps CLUSTER IDEMPOTENT_WRITE and TRANSACTIONAL_ID DESCRIBE', () => {
    // Prepare
    const common = { patternType: 'LITERAL', principal: 'User:p', host: '*', permission: 'ALLOW' } as const;

    // Act
    const cluster = toAclEntry({
      ...common,
      resourceType: 'CLUSTER',
      resourceName: 'kafka-cluster',
      operation: 'IDEMPOTENT_WRITE',
    });
    const txn = toAclEntry({
      ...common,
      resourceType: 'TRANSACTIONAL_ID',
      resourceName: 'tx',
      operation: 'DESCRIBE',
    });

    // Assess
    expect([cluster.resourceType, cluster.operation]).toEqual([
      AclResourceTypes.CLUSTER,
      AclOperationTypes.IDEMPOTENT_WRITE,
    ]);
    expect([txn.resourceType, txn.operation]).toEqual([
      AclResourceTypes.TRANSACTIONAL_ID,
      AclOperationTypes.DESCRIBE,
    ]);
  });
});
