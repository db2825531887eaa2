import type { AclEntry, Admin } from 'kafkajs';
import { getKafka, withAdmin } from '../../shared/kafka/client';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { toKafkaError } from '../../shared/kafka/errors';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from '../../shared/kafka/kafkajsValues';
import type { AclBinding } from '../contracts';

/**
 * Our ACL binding as a kafkajs ACL entry. Every field is a concrete value (never ANY/MATCH), so used as a
 * filter it matches exactly this binding and nothing of another principal's.
 */
export function toAclEntry(binding: AclBinding): AclEntry {
  return {
    resourceType: AclResourceTypes[binding.resourceType],
    resourceName: binding.resourceName,
    resourcePatternType: ResourcePatternTypes[binding.patternType],
    principal: binding.principal,
    host: binding.host,
    operation: AclOperationTypes[binding.operation],
    permissionType: AclPermissionTypes[binding.permission],
  };
}

/** Whether exactly this binding exists. */
export async function aclExists(admin: Admin, binding: AclBinding): Promise<boolean> {
  const filter = toAclEntry(binding);
  const { resources } = await admin.describeAcls(filter);
  return resources.some(
    (resource) =>
      resource.resourceType === filter.resourceType &&
      resource.resourceName === filter.resourceName &&
      resource.resourcePatternType === filter.resourcePatternType &&
      resource.acls.some(
        (acl) =>
          acl.principal === filter.principal &&
          acl.host === filter.host &&
          acl.operation === filter.operation &&
          acl.permissionType === filter.permissionType,
      ),
  );
}

/** Creates exactly this binding. */
export async function createAcl(admin: Admin, binding: AclBinding): Promise<void> {
  await admin.createAcls({ acl: [toAclEntry(binding)] });
}

/** Deletes exactly this binding (an exact-match filter); returns how many bindings were deleted (0 or 1). */
export async function deleteAcl(admin: Admin, binding: AclBinding): Promise<number> {
  const { filterResponses } = await admin.deleteAcls({ filters: [toAclEntry(binding)] });
  return filterResponses.reduce((sum, response) => sum + response.matchingAcls.length, 0);
}

/** Runs `fn` with a connected kafkajs admin for the connection; failures come out as typed Kafka errors. */
export async function withAclAdmin<T>(
  connection: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin) => Promise<T>,
): Promise<T> {
  try {
    return await withAdmin(await getKafka(connection), fn);
  } catch (error) {
    throw toKafkaError(error, { cluster: connection.cluster, operation });
  }
}
