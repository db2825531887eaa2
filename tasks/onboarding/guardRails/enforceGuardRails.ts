import type { SecretDeps } from '../../shared/secrets/secretRef';
import type { ClusterRef } from '../contracts';
import type { ConnectionResolver } from '../kafka/clusterConnection';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { OnboardingRequest } from '../request/schema';
import { onboardingGuardRailIssues } from './checkGuardRails';
import { adminUserOf, readClusterFacts, readOwnershipSnapshot } from './clusterFacts';
import type { PlatformPolicy } from './defaults';
import { PlatformPolicyViolationError } from './errors';
import type { ClusterFacts } from './facts';
import { clusterOwnershipView, type OwnershipView, prefixOwnershipIssues } from './ownership';
import { prefixedNames } from './prefixRules';
import { reservedPrincipalIssues } from './reservedPrincipals';
import type { SuperUsersSource } from './superUsers';

/** What enforcing the guard rails needs: the admin's connection, the policy, optionally who owns what. */
export interface GuardRailDeps {
  connect: ConnectionResolver;
  policy: PlatformPolicy;
  /** Who owns which topic and group; default: derived from the cluster's topics, groups and ACLs. */
  ownership?: OwnershipView;
  secrets?: SecretDeps;
  /** The brokers' super users where Kafka itself does not say (MSK configuration, the local stack). */
  superUsers?: SuperUsersSource;
}

/** The cluster's facts (admin user, super users, broker limits, existing topics' replication factors). */
async function clusterFactsFor(
  cluster: ClusterRef,
  topics: readonly string[],
  deps: GuardRailDeps,
  withOwnership: boolean,
): Promise<{ facts: ClusterFacts; view?: OwnershipView }> {
  const connection = await deps.connect(cluster);
  const adminUser = await adminUserOf(connection, deps.secrets);
  const configured = await deps.superUsers?.(cluster);
  return withPlatformaticAdmin(connection, 'checkGuardRails', async (admin) => {
    const read = await readClusterFacts(admin, topics);
    const superUsers =
      read.superUsers || configured
        ? [...new Set([...(read.superUsers ?? []), ...(configured ?? [])])]
        : undefined;
    const facts = { ...read, superUsers, adminUser };
    const view = !withOwnership
      ? undefined
      : (deps.ownership ?? clusterOwnershipView(await readOwnershipSnapshot(admin)));
    return { facts, view };
  });
}

/**
 * The guard rails of an onboarding, run in Plan Changes before any planner: throws
 * PlatformPolicyViolationError naming every field that breaks the policy, a reserved principal, and every
 * prefixed grant that reaches into another principal's topics or groups. Reads only.
 */
export async function enforceOnboardingGuardRails(
  request: OnboardingRequest,
  deps: GuardRailDeps,
): Promise<void> {
  const withOwnership = prefixedNames(request.grants).some((p) => p.kind !== 'transactionalId');
  const names = request.topics.map((topic) => topic.name);
  const { facts, view } = await clusterFactsFor(request.cluster, names, deps, withOwnership);
  const platform = [request.principal, facts.adminUser ?? '', ...(facts.superUsers ?? [])];
  const issues = [
    ...onboardingGuardRailIssues(request, deps.policy, facts),
    ...(view ? await prefixOwnershipIssues(request.grants, view, new Set(platform)) : []),
  ];
  if (issues.length > 0) throw new PlatformPolicyViolationError(issues);
}

/**
 * The guard rail of an offboarding: the admin, a super user or a reserved principal is never offboarded
 * (its credentials and ACLs stay). Throws PlatformPolicyViolationError; reads only.
 */
export async function enforceNotReservedPrincipal(
  request: Pick<OnboardingRequest, 'principal' | 'cluster'>,
  deps: GuardRailDeps,
): Promise<void> {
  const { facts } = await clusterFactsFor(request.cluster, [], deps, false);
  const issues = reservedPrincipalIssues(request.principal, deps.policy, facts);
  if (issues.length > 0) throw new PlatformPolicyViolationError(issues);
}
