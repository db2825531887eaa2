import type { RequestIssue } from '../errors';
import type { OnboardingRequest } from '../request/schema';
import type { PlatformPolicy } from './defaults';
import type { ClusterFacts } from './facts';
import { prefixShapeIssues } from './prefixRules';
import { reservedPrincipalIssues } from './reservedPrincipals';
import { topicIssues } from './topicRules';

/**
 * Every guard rail an onboarding request breaks that needs no ownership lookup: a reserved principal,
 * each topic's partitions, replication factor and config against the policy and the cluster's facts,
 * and the shape of each prefixed grant. Pure: the same request, policy and facts give the same issues.
 */
export function onboardingGuardRailIssues(
  request: Pick<OnboardingRequest, 'principal' | 'topics' | 'grants'>,
  policy: PlatformPolicy,
  facts: ClusterFacts,
): RequestIssue[] {
  return [
    ...reservedPrincipalIssues(request.principal, policy, facts),
    ...request.topics.flatMap((topic, index) => topicIssues(topic, index, policy, facts)),
    ...prefixShapeIssues(request.grants, policy),
  ];
}
