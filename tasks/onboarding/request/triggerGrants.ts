import type { ConsumerGrant, OnboardingRequest } from './schema';

/**
 * The request with a consumer grant (topic READ + DESCRIBE, group READ) for every trigger that no grant
 * covers yet: a trigger reads as the principal, so its ACLs come from the same role template and are
 * planned, granted, undone and revoked like any other grant.
 */
export function withTriggerGrants(request: OnboardingRequest): OnboardingRequest {
  if (!request.triggers?.length) return request;
  const grants = [...request.grants];
  for (const trigger of request.triggers) {
    for (const topic of trigger.topics) {
      const covered = grants.some(
        (g) =>
          g.role === 'consumer' &&
          g.topic === topic &&
          g.patternType === 'literal' &&
          g.group === trigger.group &&
          g.groupPatternType === 'literal',
      );
      if (covered) continue;
      const grant: ConsumerGrant = {
        role: 'consumer',
        topic,
        patternType: 'literal',
        group: trigger.group,
        groupPatternType: 'literal',
      };
      grants.push(grant);
    }
  }
  return { ...request, grants };
}
