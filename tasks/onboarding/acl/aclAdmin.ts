import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Acl,
  AclOperations,
  AclPermissionTypes,
  type Admin,
  ResourcePatternTypes,
  ResourceTypes,
} from '@platformatic/kafka';
import type { AclBinding } from '../contracts';
import { describeBinding } from './roleTemplates';

/**
 * ACL admin calls over @platformatic/kafka, each ONE request for all the bindings of a step (101 ACLs
 * in one CreateAcls take ~30 ms locally, one by one 2.8 s). Every field of our bindings is concrete
 * (never ANY/MATCH), so a binding used as a filter matches exactly itself and nothing of another's.
 */

/** Our binding as a Kafka ACL (also an exact-match filter). */
export function toAcl(binding: AclBinding): Acl {
  return {
    resourceType: ResourceTypes[binding.resourceType],
    resourceName: binding.resourceName,
    resourcePatternType: ResourcePatternTypes[binding.patternType],
    principal: binding.principal,
    host: binding.host,
    operation: AclOperations[binding.operation],
    permissionType: AclPermissionTypes[binding.permission],
  };
}

const aclKey = (acl: Acl): string =>
  JSON.stringify([
    acl.resourceType,
    acl.resourceName,
    acl.resourcePatternType,
    acl.principal,
    acl.host,
    acl.operation,
    acl.permissionType,
  ]);

/** The ids (describeBinding) of those of `bindings` that exist: one DescribeAcls for the principal's ACLs. */
export async function existingBindings(admin: Admin, bindings: readonly AclBinding[]): Promise<Set<string>> {
  const principals = [...new Set(bindings.map((b) => b.principal))];
  const existing = new Set<string>();
  for (const principal of principals) {
    const resources = await admin.describeAcls({
      filter: {
        resourceType: ResourceTypes.ANY,
        resourceName: null,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal,
        host: null,
        operation: AclOperations.ANY,
        permissionType: AclPermissionTypes.ANY,
      },
    });
    for (const resource of resources) {
      for (const acl of resource.acls) existing.add(aclKey({ ...resource, ...acl }));
    }
  }
  return new Set(bindings.filter((b) => existing.has(aclKey(toAcl(b)))).map(describeBinding));
}

/** How long Grant ACLs waits for the broker it talks to to show what it created (then Verify Access waits). */
export const ACL_VISIBILITY_WAIT_MS = 5_000;

/**
 * Creates the bindings in one CreateAcls, then waits (DescribeAcls, at most ACL_VISIBILITY_WAIT_MS) until
 * the broker shows them all: KRaft acknowledges once the controller has committed them and each broker's
 * authorizer applies them a moment later, so a check right after (a rerun's plan, Verify Access logging in
 * as the principal) would still see them missing. Still missing after the wait is not an error: Verify
 * Access waits and checks again.
 */
export async function createAcls(admin: Admin, bindings: readonly AclBinding[]): Promise<void> {
  if (bindings.length === 0) return;
  await admin.createAcls({ creations: bindings.map(toAcl) });
  const deadline = Date.now() + ACL_VISIBILITY_WAIT_MS;
  for (let delay = 10; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    if ((await existingBindings(admin, bindings)).size === bindings.length) return;
    await sleep(delay);
  }
}

/** Deletes exactly these bindings in one DeleteAcls (exact filters); returns the ids of those deleted. */
export async function deleteAcls(admin: Admin, bindings: readonly AclBinding[]): Promise<Set<string>> {
  if (bindings.length === 0) return new Set();
  const deleted = await admin.deleteAcls({ filters: bindings.map(toAcl) });
  const keys = new Set(deleted.map(aclKey));
  return new Set(bindings.filter((b) => keys.has(aclKey(toAcl(b)))).map(describeBinding));
}
