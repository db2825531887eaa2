import type { RequestIssue } from '../errors';
import { formatPath } from '../request/formatPath';
import type { Grant } from '../request/schema';
import type { PlatformPolicy } from './defaults';

/** What a prefixed grant names: a topic, consumer group or transactional id prefix, and where it sits. */
export interface PrefixedName {
  kind: 'topic' | 'group' | 'transactionalId';
  prefix: string;
  /** `grants[2].group` */
  path: string;
}

/** Every prefixed name of the grants, with its field path. */
export function prefixedNames(grants: readonly Grant[]): PrefixedName[] {
  return grants.flatMap((grant, index): PrefixedName[] => {
    const at = (field: string) => formatPath(['grants', index, field]);
    const out: PrefixedName[] = [];
    if (grant.patternType === 'prefixed') out.push({ kind: 'topic', prefix: grant.topic, path: at('topic') });
    if (grant.role === 'consumer' && grant.groupPatternType === 'prefixed') {
      out.push({ kind: 'group', prefix: grant.group, path: at('group') });
    }
    if (
      grant.role === 'producer' &&
      grant.transactionalId &&
      grant.transactionalIdPatternType === 'prefixed'
    ) {
      out.push({ kind: 'transactionalId', prefix: grant.transactionalId, path: at('transactionalId') });
    }
    return out;
  });
}

/** Why a prefix is too broad by its shape alone (length, last character); undefined when it is fine. */
export function prefixShapeProblem(
  prefix: string,
  policy: Pick<PlatformPolicy, 'prefixes'>,
): string | undefined {
  const { minLength, separators } = policy.prefixes;
  const problems: string[] = [];
  if (prefix.length < minLength) {
    problems.push(
      `must be at least ${minLength} characters (platform policy), "${prefix}" has ${prefix.length}`,
    );
  }
  if (!separators.some((s) => prefix.endsWith(s))) {
    const list = separators.map((s) => `"${s}"`).join(', ');
    problems.push(
      `must end at a separator (${list}): "${prefix}" also covers every name that merely starts with the same letters`,
    );
  }
  return problems.length > 0 ? `a prefix ${problems.join(' and ')}` : undefined;
}

/** The shape issues of every prefixed grant. */
export function prefixShapeIssues(
  grants: readonly Grant[],
  policy: Pick<PlatformPolicy, 'prefixes'>,
): RequestIssue[] {
  return prefixedNames(grants).flatMap(({ prefix, path }) => {
    const problem = prefixShapeProblem(prefix, policy);
    return problem ? [{ path, message: problem }] : [];
  });
}
