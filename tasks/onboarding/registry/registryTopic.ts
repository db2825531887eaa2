import {
  AclOperations,
  AclPermissionTypes,
  type Admin,
  ResourcePatternTypes,
  ResourceTypes,
} from '@platformatic/kafka';
import { onlyProtocolErrors } from '../kafka/platformaticErrors';

/**
 * The ownership registry's topic in the cluster itself. `__` keeps it out of every request: the request
 * schema refuses topic names and grants starting with `__`, so no onboarding can create, grant or
 * reconfigure it.
 */
export const REGISTRY_TOPIC = '__msk-flows-registry';

/**
 * One partition (one total order: first writer by offset wins), compacted (each principal's latest record
 * per thing is kept for ever), and nothing compacted for 7 days, so a claim that lost a race is always
 * seen next to the one that won it until the loser has withdrawn.
 */
export const REGISTRY_TOPIC_CONFIG: Record<string, string> = {
  'cleanup.policy': 'compact',
  'min.compaction.lag.ms': String(7 * 24 * 3600 * 1000),
  'retention.ms': '-1',
};

/**
 * Creates the registry topic when missing and, when the admin logs in as a SCRAM user, gives that user
 * alone READ, WRITE and DESCRIBE on it: with `allow.everyone.if.no.acl.found=false` (which SCRAM on MSK
 * requires) nobody else but super users can read or write it. With IAM, the task roles' policies scope
 * `kafka-cluster:*Data` to this topic's ARN.
 */
export async function ensureRegistryTopic(admin: Admin, adminUser: string | undefined): Promise<void> {
  const listed = await admin.listTopics({ includeInternals: true });
  if (!listed.includes(REGISTRY_TOPIC)) {
    try {
      await admin.createTopics({
        topics: [REGISTRY_TOPIC],
        partitions: 1,
        replicas: -1,
        configs: Object.entries(REGISTRY_TOPIC_CONFIG).map(([name, value]) => ({ name, value })),
      });
    } catch (error) {
      if (!onlyProtocolErrors(error, 'TOPIC_ALREADY_EXISTS')) throw error;
    }
  }
  if (!adminUser) return;
  const operations = [AclOperations.READ, AclOperations.WRITE, AclOperations.DESCRIBE];
  await admin.createAcls({
    creations: operations.map((operation) => ({
      resourceType: ResourceTypes.TOPIC,
      resourceName: REGISTRY_TOPIC,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: `User:${adminUser}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  });
}
