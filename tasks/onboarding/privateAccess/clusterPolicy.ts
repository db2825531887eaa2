import { isDeepStrictEqual } from 'node:util';
import { ClusterPolicyUnreadableError } from './errors';
import { arraySpans, JsonSyntaxError, objectSpans, type Span, valueEnd } from './jsonSpans';

/**
 * The cluster policy, edited as text: msk-flows owns one statement per consumer account (a stable Sid)
 * and never rewrites any other byte. https://docs.aws.amazon.com/msk/latest/developerguide/mvpc-cluster-owner-action-policy.html
 */

/** What a consumer account needs for a managed VPC connection (the MSK multi-VPC guide's list). */
export const CONSUMER_ACTIONS = [
  'kafka:CreateVpcConnection',
  'kafka:GetBootstrapBrokers',
  'kafka:DescribeCluster',
  'kafka:DescribeClusterV2',
] as const;

/** What our statements' Sids start with; the consumer account follows. */
export const STATEMENT_SID_PREFIX = 'MskFlowsConsumer';

/** Our statement's Sid for a consumer account: `MskFlowsConsumer<account>` (Sids are alphanumeric). */
export function statementSidFor(consumerAccountId: string): string {
  return `${STATEMENT_SID_PREFIX}${consumerAccountId}`;
}

/** The statement granting a consumer account (its root, i.e. whom its IAM lets) the multi-VPC actions. */
export function consumerStatement(clusterArn: string, consumerAccountId: string): Record<string, unknown> {
  const partition = clusterArn.split(':')[1];
  return {
    Sid: statementSidFor(consumerAccountId),
    Effect: 'Allow',
    Principal: { AWS: `arn:${partition}:iam::${consumerAccountId}:root` },
    Action: [...CONSUMER_ACTIONS],
    Resource: clusterArn,
  };
}

interface Located {
  /** The `Statement` value: an array, or a single statement object. */
  statement: Span;
  isArray: boolean;
  elements: Span[];
  close: number;
}

function locate(policy: string, clusterArn: string): Located {
  try {
    const root = policy.indexOf('{');
    if (root < 0 || policy.slice(0, root).trim() !== '') throw new JsonSyntaxError(0, 'expected an object');
    const top = objectSpans(policy, root);
    if (policy.slice(top.close + 1).trim() !== '') throw new JsonSyntaxError(top.close + 1, 'trailing text');
    const statement = top.members.get('Statement');
    if (!statement) throw new JsonSyntaxError(root, 'no "Statement"');
    if (policy[statement.start] === '[') {
      const array = arraySpans(policy, statement.start);
      return { statement, isArray: true, elements: array.elements, close: array.close };
    }
    if (policy[statement.start] !== '{')
      throw new JsonSyntaxError(statement.start, 'Statement is not an object or array');
    valueEnd(policy, statement.start);
    return { statement, isArray: false, elements: [statement], close: statement.end };
  } catch (error) {
    throw new ClusterPolicyUnreadableError(clusterArn, (error as Error).message, { cause: error });
  }
}

const sidOf = (policy: string, span: Span): unknown => {
  const parsed = JSON.parse(policy.slice(span.start, span.end)) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as { Sid?: unknown }).Sid : undefined;
};

/** The raw text of the statement with `sid`, if the policy has one. */
export function findStatement(policy: string, sid: string, clusterArn: string): string | undefined {
  const located = locate(policy, clusterArn);
  const span = located.elements.find((e) => sidOf(policy, e) === sid);
  return span ? policy.slice(span.start, span.end) : undefined;
}

/** The outcome of a merge: the new policy text, and the statement with our Sid it replaced (if any). */
export interface MergedPolicy {
  policy: string;
  changed: boolean;
  /** The raw text of the statement with our Sid before (null: there was none). */
  previous: string | null;
}

/**
 * Adds or keeps `statement` (by its Sid) in `policy` (null: no policy yet). An equal statement is no
 * change; one with our Sid but other content is replaced; every other byte is kept.
 */
export function mergeStatement(
  policy: string | null,
  statement: Record<string, unknown>,
  clusterArn: string,
): MergedPolicy {
  const ours = JSON.stringify(statement);
  if (policy === null) {
    return { policy: `{"Version":"2012-10-17","Statement":[${ours}]}`, changed: true, previous: null };
  }
  const located = locate(policy, clusterArn);
  const existing = located.elements.find((e) => sidOf(policy, e) === statement.Sid);
  if (existing) {
    const previous = policy.slice(existing.start, existing.end);
    if (isDeepStrictEqual(JSON.parse(previous), statement)) return { policy, changed: false, previous };
    return { policy: splice(policy, existing, ours), changed: true, previous };
  }
  if (!located.isArray) {
    const single = policy.slice(located.statement.start, located.statement.end);
    return {
      policy: splice(policy, located.statement, wrapped(single, ours)),
      changed: true,
      previous: null,
    };
  }
  // Right after the last statement (or into the empty array), so removing `,<ours>` restores every byte.
  const last = located.elements[located.elements.length - 1];
  const at = last ? { start: last.end, end: last.end } : { start: located.close, end: located.close };
  return { policy: splice(policy, at, `${last ? ',' : ''}${ours}`), changed: true, previous: null };
}

/**
 * Removes the statement with `sid`, or puts `previous` back in its place; every other byte is kept.
 * Returns the policy unchanged when there is no such statement, and null when nothing would be left.
 */
export function removeStatement(
  policy: string,
  sid: string,
  clusterArn: string,
  previous: string | null = null,
): string | null {
  const located = locate(policy, clusterArn);
  const index = located.elements.findIndex((e) => sidOf(policy, e) === sid);
  const span = located.elements[index];
  if (!span) return policy;
  if (previous !== null) return splice(policy, span, previous);
  if (located.elements.length === 1) return null;
  const next = located.elements[index + 1];
  const before = located.elements[index - 1];
  if (located.isArray && located.elements.length === 2 && before && !next) {
    // Exactly how mergeStatement wrapped a lone Statement object (its own spacing): unwrap it again.
    const single = policy.slice(before.start, before.end);
    const ours = policy.slice(span.start, span.end);
    if (policy.slice(located.statement.start, located.statement.end) === wrapped(single, ours)) {
      return splice(policy, located.statement, single);
    }
  }
  // Take the comma with it: the one after (first element) or the one before (any other).
  const cut = next ? { start: span.start, end: next.start } : { start: (before as Span).end, end: span.end };
  return splice(policy, cut, '');
}

/**
 * A lone Statement object and ours as an array. The space before the comma marks the wrapping as ours
 * (a serializer never writes it), so removing our statement can unwrap it byte-for-byte, while a
 * compact `[a,b]` someone wrote stays an array.
 */
function wrapped(single: string, ours: string): string {
  return `[${single} ,${ours}]`;
}

function splice(text: string, span: Span, replacement: string): string {
  return `${text.slice(0, span.start)}${replacement}${text.slice(span.end)}`;
}
