import type { Admin } from '@platformatic/kafka';
import { existingBindings } from '../onboarding/acl/aclAdmin';
import { aclBindingsForRequest, describeBinding } from '../onboarding/acl/roleTemplates';
import { scramMechanismsOf } from '../onboarding/credentials/selfManaged/scramAdmin';
import { ForeignResourceError, type OwnershipProblem } from '../onboarding/registry/errors';
import type { RegistryView } from '../onboarding/registry/fold';
import { mayChange, type RunContext, standingOf } from '../onboarding/registry/runContext';
import { scramUserIdentity } from '../onboarding/registryIdentity';
import type { OnboardingRequest } from '../onboarding/request';
import { existingTopics } from '../onboarding/topics/topicAdmin';

/** The request fields offboarding reads. */
export type OffboardingRequest = Pick<
  OnboardingRequest,
  'principal' | 'requestId' | 'cluster' | 'grants' | 'topics' | 'deleteTopics'
> &
  Partial<Pick<OnboardingRequest, 'adopt'>>;

/** What offboarding would remove that exists on the cluster, by kind. */
export interface OffboardingTargets {
  acls: string[];
  topics: string[];
  scramUser: boolean;
}

/** Reads what of the request exists (one DescribeAcls, one topic listing, one SCRAM describe). */
export async function offboardingTargets(
  admin: Admin,
  request: OffboardingRequest,
): Promise<OffboardingTargets> {
  const bindings = aclBindingsForRequest(request);
  const wantsTopics = request.deleteTopics === true ? request.topics.map((t) => t.name) : [];
  const [acls, topics, mechanisms] = await Promise.all([
    bindings.length > 0 ? existingBindings(admin, bindings) : Promise.resolve(new Set<string>()),
    wantsTopics.length > 0 ? existingTopics(admin, wantsTopics) : Promise.resolve(new Set<string>()),
    request.cluster.kind === 'self-managed'
      ? scramMechanismsOf(admin, request.principal)
      : Promise.resolve([]),
  ]);
  return {
    acls: bindings.map(describeBinding).filter((id) => acls.has(id)),
    topics: wantsTopics.filter((t) => topics.has(t)),
    scramUser: mechanisms.length > 0,
  };
}

/**
 * Refuses (ForeignResourceError, naming each) an offboarding that would delete what the principal does
 * not own: a SCRAM user, topic or ACL msk-flows did not create for it (e.g. the platform admin's own
 * credential, another team's topic). Things that do not exist are no problem: there is nothing to delete.
 */
export function assertOffboardable(targets: OffboardingTargets, view: RegistryView, ctx: RunContext): void {
  const problems: OwnershipProblem[] = [];
  const check = (kind: string, id: string) => {
    const { standing, holder } = standingOf(view, { kind, id }, ctx);
    if (!mayChange(standing)) problems.push({ kind, id, action: 'delete', ownedBy: holder?.principal });
  };
  if (targets.scramUser) check(scramUserIdentity(ctx.owner.principal).kind, ctx.owner.principal);
  for (const topic of targets.topics) check('topic', topic);
  for (const acl of targets.acls) check('acl', acl);
  if (problems.length > 0) throw new ForeignResourceError(ctx.owner.principal, problems);
}
