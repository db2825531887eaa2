import {
  AclOperations,
  AclPermissionTypes,
  type Admin,
  ConfigResourceTypes,
  ResourcePatternTypes,
  ResourceTypes,
} from '@platformatic/kafka';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { KafkaAuthorizationError } from '../../shared/kafka/errors';
import { readScramCredentials } from '../../shared/secrets/scramCredentials';
import type { SecretDeps } from '../../shared/secrets/secretRef';
import { toKafkaErrorFromPlatformatic } from '../kafka/platformaticErrors';
import type { ClusterFacts } from './facts';
import type { ClusterOwnershipSnapshot, OwnershipAcl } from './ownership';
import { parseSuperUsers } from './reservedPrincipals';

/** The broker configs the guard rails read (DescribeConfigs on one broker). */
const BROKER_KEYS = ['super.users', 'message.max.bytes', 'default.replication.factor'];

/**
 * The brokers' guard-rail configs (without the null values Kafka gives sensitive ones: `super.users`
 * is one, see superUsers.ts), or `{}` where the cluster does not let the admin describe them (MSK
 * with IAM without kafka-cluster:DescribeClusterDynamicConfiguration): then only the policy bounds apply.
 */
async function brokerConfigs(admin: Admin, brokerId: number): Promise<Map<string, string>> {
  try {
    const [described] = await admin.describeConfigs({
      resources: [
        {
          resourceType: ConfigResourceTypes.BROKER,
          resourceName: String(brokerId),
          configurationKeys: BROKER_KEYS,
        },
      ],
    });
    return new Map((described?.configs ?? []).flatMap((c) => (c.value == null ? [] : [[c.name, c.value]])));
  } catch (error) {
    if (toKafkaErrorFromPlatformatic(error) instanceof KafkaAuthorizationError) return new Map();
    throw error;
  }
}

const number = (value: string | undefined): number | undefined =>
  value !== undefined && /^[0-9]+$/.test(value) ? Number(value) : undefined;

/** The workflow admin's SCRAM user name (never its password); undefined for IAM or TLS admins. */
export async function adminUserOf(
  connection: KafkaConnectionConfig,
  deps: SecretDeps = {},
): Promise<string | undefined> {
  if (connection.auth.type !== 'scram') return undefined;
  return (await readScramCredentials(connection.auth.secret, deps)).username;
}

/** Brokers, broker configs, and the replication factor of those `topics` that exist (read only). */
export async function readClusterFacts(
  admin: Admin,
  topics: readonly string[],
): Promise<Omit<ClusterFacts, 'adminUser'>> {
  const listed = new Set(await admin.listTopics({ includeInternals: false }));
  const existing = topics.filter((name) => listed.has(name));
  const metadata = await admin.metadata({ topics: existing, forceUpdate: true });
  const brokerIds = [...metadata.brokers.keys()].sort((a, b) => a - b);
  const configs = brokerIds.length > 0 ? await brokerConfigs(admin, brokerIds[0] as number) : new Map();
  const existingReplicationFactors: Record<string, number> = {};
  for (const [name, topic] of metadata.topics) {
    existingReplicationFactors[name] = Math.max(0, ...topic.partitions.map((p) => p.replicas.length));
  }
  return {
    superUsers: configs.has('super.users') ? parseSuperUsers(configs.get('super.users')) : undefined,
    messageMaxBytes: number(configs.get('message.max.bytes')),
    defaultReplicationFactor: number(configs.get('default.replication.factor')),
    brokerCount: brokerIds.length,
    existingReplicationFactors,
  };
}

const KINDS = new Map<number, OwnershipAcl['kind']>([
  [ResourceTypes.TOPIC, 'topic'],
  [ResourceTypes.GROUP, 'group'],
]);

/** Topics, consumer groups and every ALLOW ACL on topics and groups held by a `User:` principal. */
export async function readOwnershipSnapshot(admin: Admin): Promise<ClusterOwnershipSnapshot> {
  const topics = await admin.listTopics({ includeInternals: false });
  const groups = [...(await admin.listGroups()).keys()];
  const resources = await admin.describeAcls({
    filter: {
      resourceType: ResourceTypes.ANY,
      resourceName: null,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: null,
      host: null,
      operation: AclOperations.ANY,
      permissionType: AclPermissionTypes.ALLOW,
    },
  });
  const acls: OwnershipAcl[] = [];
  for (const resource of resources) {
    const kind = KINDS.get(resource.resourceType);
    if (!kind) continue;
    const pattern = resource.resourcePatternType === ResourcePatternTypes.PREFIXED ? 'prefixed' : 'literal';
    for (const acl of resource.acls) {
      if (!acl.principal.startsWith('User:')) continue;
      acls.push({
        kind,
        name: resource.resourceName,
        pattern,
        principal: acl.principal.slice('User:'.length),
      });
    }
  }
  return { topics, groups, acls };
}
