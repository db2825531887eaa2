import type { RequestIssue } from '../errors';
import type { Grant } from '../request/schema';
import { prefixedNames } from './prefixRules';

/** The kinds of resource a prefixed grant can reach into another principal's share of. */
export type OwnedKind = 'topic' | 'group';

/**
 * Who owns what. Plan Changes checks prefixed grants through this interface only, so the ownership
 * registry can stand in for (or beside) the cluster-derived view below without touching the checks.
 */
export interface OwnershipView {
  /** The names of this kind the view knows that start with `prefix` (resources, and others' grants). */
  namesUnder(kind: OwnedKind, prefix: string): Promise<string[]>;
  /** The principals (bare names) owning `name`; empty when nobody does. */
  ownersOf(kind: OwnedKind, name: string): Promise<string[]>;
}

/** One ALLOW ACL of the cluster as ownership sees it. */
export interface OwnershipAcl {
  kind: OwnedKind;
  name: string;
  pattern: 'literal' | 'prefixed';
  /** Bare user name (the `User:` principal without its type). */
  principal: string;
}

/** What the cluster says: its topics, its consumer groups and the ALLOW ACLs on topics and groups. */
export interface ClusterOwnershipSnapshot {
  topics: string[];
  groups: string[];
  acls: OwnershipAcl[];
}

const covers = (acl: OwnershipAcl, name: string) =>
  acl.pattern === 'literal' ? acl.name === name : name.startsWith(acl.name);

/**
 * Ownership derived from the cluster: whoever holds an ALLOW ACL that matches a topic or group owns it
 * (a wildcard `*` resource or principal says nothing about ownership and is ignored). A name counts as
 * under a prefix when it exists, when someone holds a literal ACL on it (a group not yet joined), or when
 * someone's own prefix lies inside it.
 */
export function clusterOwnershipView(snapshot: ClusterOwnershipSnapshot): OwnershipView {
  const acls = snapshot.acls.filter((acl) => acl.name !== '*' && acl.principal !== '*');
  return {
    namesUnder: async (kind, prefix) => {
      const existing = kind === 'topic' ? snapshot.topics : snapshot.groups;
      const granted = acls.filter((acl) => acl.kind === kind).map((acl) => acl.name);
      return [...new Set([...existing, ...granted])].filter((name) => name.startsWith(prefix)).sort();
    },
    ownersOf: async (kind, name) => [
      ...new Set(acls.filter((acl) => acl.kind === kind && covers(acl, name)).map((acl) => acl.principal)),
    ],
  };
}

/** The resources under each prefixed topic or group grant that belong to someone not in `notOwners`. */
export async function prefixOwnershipIssues(
  grants: readonly Grant[],
  view: OwnershipView,
  notOwners: ReadonlySet<string>,
): Promise<RequestIssue[]> {
  const issues: RequestIssue[] = [];
  for (const { kind, prefix, path } of prefixedNames(grants)) {
    if (kind === 'transactionalId') continue;
    const foreign: string[] = [];
    for (const name of await view.namesUnder(kind, prefix)) {
      const owners = (await view.ownersOf(kind, name)).filter((owner) => !notOwners.has(owner));
      if (owners.length > 0) foreign.push(`${kind} "${name}" (held by ${owners.sort().join(' and ')})`);
    }
    if (foreign.length === 0) continue;
    const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : '';
    issues.push({
      path,
      message: `prefix "${prefix}" covers ${foreign.slice(0, 3).join(', ')}${more}, which another principal holds ACLs on: name a narrower prefix or the ${kind}s themselves`,
    });
  }
  return issues;
}
