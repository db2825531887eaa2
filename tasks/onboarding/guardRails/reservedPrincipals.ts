import type { RequestIssue } from '../errors';
import type { PlatformPolicy } from './defaults';
import type { ClusterFacts } from './facts';

/** Why a principal is reserved, one reason per source; empty when it is not. */
export function reservedReasons(
  principal: string,
  policy: Pick<PlatformPolicy, 'reservedPrincipals'>,
  facts: Pick<ClusterFacts, 'adminUser' | 'superUsers'> = {},
): string[] {
  const reasons: string[] = [];
  if (facts.adminUser === principal) {
    reasons.push(
      `"${principal}" is the platform admin (the user of the cluster's admin secret): msk-flows must never change its own credentials`,
    );
  }
  if (facts.superUsers?.includes(principal)) {
    reasons.push(
      `"${principal}" is a super user of the brokers (super.users): it bypasses every ACL, so its credentials are not a team's to hold`,
    );
  }
  if (policy.reservedPrincipals.includes(principal)) {
    reasons.push(`"${principal}" is reserved by the platform policy (reservedPrincipals)`);
  }
  return reasons;
}

/** The `principal` issue of a request naming a reserved principal, for onboarding and offboarding alike. */
export function reservedPrincipalIssues(
  principal: string,
  policy: Pick<PlatformPolicy, 'reservedPrincipals'>,
  facts: Pick<ClusterFacts, 'adminUser' | 'superUsers'> = {},
): RequestIssue[] {
  const reasons = reservedReasons(principal, policy, facts);
  return reasons.length > 0 ? [{ path: 'principal', message: reasons.join(', and ') }] : [];
}

/** `super.users=User:a;User:b` → `['a', 'b']` (only `User:` principals: SCRAM users are `User:`). */
export function parseSuperUsers(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('User:'))
    .map((entry) => entry.slice('User:'.length))
    .filter(Boolean);
}
