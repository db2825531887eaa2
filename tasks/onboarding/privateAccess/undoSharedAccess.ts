import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { Change, ConsumerRoleRef } from '../contracts';
import type { RegistryView } from '../registry/fold';
import type { RegistryOrigin, RegistryOwner } from '../registry/types';
import type { AwsSideUndo } from '../registry/undoAwsSide';
import { STATEMENT_SID_PREFIX } from './clusterPolicy';
import { consumerAccountClients } from './consumerAccount';
import { privateAccessIdentityOf } from './identity';
import { releaseVpcConnection } from './releaseVpcConnection';
import { isSharedEntry, madeByMskFlows, otherUsers, SHARED_UNDO_ORDER, type SharedEntry } from './sharedUse';
import type { PrivateAccessDeps } from './types';
import { undoConnectivity, undoPolicyStatement } from './undoPrivateAccess';
import { findVpcConnection } from './vpcConnections';

type Entry<K extends SharedEntry['kind']> = Extract<SharedEntry, { kind: K }>;

/** Why a principal's use ends: compensation of its run, or its offboarding (connectivity then stays on). */
export type UseEnd = 'undo' | 'offboard';

/** What ending one use needs besides the entry: who used it, how, and what the registry says now. */
export interface UseContext {
  owner: RegistryOwner;
  /** `created`: the use's run made the thing (a ledger entry says so too); `used`: it was there. */
  origin: RegistryOrigin;
  view: RegistryView;
  end: UseEnd;
  /** How to reach the consumer account when the entry does not say (an older ledger entry). */
  consumer?: ConsumerRoleRef;
}

const kept = (entry: SharedEntry, detail: string): Change => ({
  kind: entry.kind,
  id: privateAccessIdentityOf(entry).id,
  action: 'none',
  detail,
});

const othersDetail = (others: readonly string[]) => `kept: ${others.length} other principal(s) use it`;

/** The consumer account's MSK client for a VPC connection entry (its role, or the request's). */
async function consumerKafkaOf(
  entry: Entry<'vpc-connection'>,
  ctx: UseContext,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients'>,
): Promise<KafkaClient | undefined> {
  const role = entry.consumer ?? ctx.consumer;
  if (!role) return undefined;
  return (await consumerAccountClients(entry.clusterArn, role, ctx.owner.requestId, deps)).kafka;
}

/**
 * Ends a principal's use of a managed VPC connection: its user tag goes, and the connection is deleted
 * when msk-flows made it (its created-by tag) and nobody else uses it (no other registry use, no other user
 * tag). One whose creation the registry is unsure of (no ARN yet) is found by its VPC and touched only when
 * its created-by tag names the use's request.
 */
async function endVpcConnectionUse(
  entry: Entry<'vpc-connection'>,
  ctx: UseContext,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients' | 'logger'>,
): Promise<Change> {
  const kafka = await consumerKafkaOf(entry, ctx, deps);
  if (!kafka) return kept(entry, 'no consumer role to reach it');
  const uncertain = !entry.vpcConnectionArn;
  let arn = entry.vpcConnectionArn;
  if (uncertain) {
    if (!entry.vpcId) return kept(entry, 'no VPC to find it by');
    const found = await findVpcConnection(kafka, entry.clusterArn, entry.vpcId);
    if (!found?.VpcConnectionArn) return kept(entry, 'never created');
    arn = found.VpcConnectionArn;
  }
  const others = otherUsers(ctx.view, privateAccessIdentityOf(entry), ctx.owner.principal);
  const outcome = await releaseVpcConnection(kafka, arn, ctx.owner.principal, {
    otherUsers: others,
    ...(uncertain ? { createdBy: ctx.owner.requestId } : {}),
  });
  if (outcome === 'deleted') {
    deps.logger.info('managed VPC connection deleted: its last user left', { vpcConnectionArn: arn });
    return { kind: 'vpc-connection', id: arn, action: 'delete' };
  }
  const detail =
    outcome === 'released' && others.length > 0
      ? othersDetail(others)
      : outcome === 'kept' && uncertain
        ? 'not created by this request; kept'
        : outcome;
  return { kind: 'vpc-connection', id: arn, action: 'none', detail };
}

/**
 * Ends a principal's use of the consumer account's policy statement: removed (or the statement it replaced
 * put back) only when msk-flows wrote it and no other principal's record uses it; a statement msk-flows
 * did not write is never touched.
 */
async function endStatementUse(
  entry: Entry<'cluster-policy-statement'>,
  ctx: UseContext,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Change> {
  const thing = privateAccessIdentityOf(entry);
  const others = otherUsers(ctx.view, thing, ctx.owner.principal);
  if (others.length > 0) return kept(entry, othersDetail(others));
  const made = ctx.origin === 'created' || entry.madeByMskFlows === true || madeByMskFlows(ctx.view, thing);
  if (!made) return kept(entry, 'not written by msk-flows; kept');
  const previous = ctx.origin === 'created' ? entry.previous : null;
  const account = entry.sid.startsWith(STATEMENT_SID_PREFIX)
    ? entry.sid.slice(STATEMENT_SID_PREFIX.length)
    : undefined;
  return undoPolicyStatement({ ...entry, previous }, account, deps);
}

/**
 * Ends a principal's use of multi-VPC connectivity: offboarding never turns it off (other consumers may
 * use it); undo turns it off only for the run that turned it on, when no other principal's record uses it
 * (and, as before, no client VPC connection does).
 */
async function endConnectivityUse(
  entry: Entry<'multi-vpc-connectivity'>,
  ctx: UseContext,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Change> {
  if (ctx.end === 'offboard') return kept(entry, 'kept on: other consumers may use it');
  if (ctx.origin !== 'created') return kept(entry, 'kept on: it was on before this run');
  const others = otherUsers(ctx.view, privateAccessIdentityOf(entry), ctx.owner.principal);
  if (others.length > 0) return kept(entry, othersDetail(others));
  return undoConnectivity(entry, deps);
}

/** Ends one principal's use of a shared private access thing (see each kind's rule). */
export function endSharedUse(entry: SharedEntry, ctx: UseContext, deps: PrivateAccessDeps): Promise<Change> {
  switch (entry.kind) {
    case 'vpc-connection':
      return endVpcConnectionUse(entry, ctx, deps);
    case 'cluster-policy-statement':
      return endStatementUse(entry, ctx, deps);
    case 'multi-vpc-connectivity':
      return endConnectivityUse(entry, ctx, deps);
  }
}

/**
 * Compensation of shared private access from the ledger and the ownership registry (Undo Changes,
 * Finish Unfinished Runs, reconcile): each use the run holds ends by its kind's rule; `consumer` reaches
 * the consumer account for older ledger entries that do not say how.
 */
export function sharedAccessUndo(deps: PrivateAccessDeps, consumer?: ConsumerRoleRef): AwsSideUndo {
  return {
    order: SHARED_UNDO_ORDER,
    identityOf: (entry) => privateAccessIdentityOf(entry as SharedEntry),
    undo: (entry, owner, context) => {
      if (!isSharedEntry(entry) || !context) throw new Error(`${entry.kind} is not a shared use`);
      return endSharedUse(
        entry,
        { owner, origin: context.origin, view: context.view, end: 'undo', consumer },
        deps,
      );
    },
  };
}
