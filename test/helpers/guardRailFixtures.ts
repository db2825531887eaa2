import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { asAdmin } from '../workflows/helpers/onboarding';

/**
 * Another team's share of the broker, as msk-flows grants it: the topic (created), TOPIC READ + DESCRIBE on
 * it and GROUP READ on its consumer group (literal), all for `User:<principal>`.
 */
export async function createAclsFor(principal: string, topic: string, group: string): Promise<void> {
  const acl = (resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes) => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${principal}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  await asAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.createAcls({
      acl: [
        acl(AclResourceTypes.TOPIC, topic, AclOperationTypes.READ),
        acl(AclResourceTypes.TOPIC, topic, AclOperationTypes.DESCRIBE),
        acl(AclResourceTypes.GROUP, group, AclOperationTypes.READ),
      ],
    });
  });
}
