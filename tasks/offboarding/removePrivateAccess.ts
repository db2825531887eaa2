import type { Change, ClusterRef, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { clientConnectionsInUse } from '../onboarding/privateAccess/clientConnections';
import { removeStatement, statementSidFor } from '../onboarding/privateAccess/clusterPolicy';
import { consumerAccountClients } from '../onboarding/privateAccess/consumerAccount';
import {
  policyStatementIdentity,
  privateAccessIdentityOf,
  useIdentity,
} from '../onboarding/privateAccess/identity';
import { editClusterPolicy } from '../onboarding/privateAccess/policyStore';
import { releaseVpcConnection } from '../onboarding/privateAccess/releaseVpcConnection';
import { isSharedEntry, type SharedEntry } from '../onboarding/privateAccess/sharedUse';
import type { PrivateAccessDeps } from '../onboarding/privateAccess/types';
import { endSharedUse } from '../onboarding/privateAccess/undoSharedAccess';
import { findVpcConnection } from '../onboarding/privateAccess/vpcConnections';
import { identityKey } from '../onboarding/registry/fold';
import { ticketOf } from '../onboarding/registry/registry';
import type { PrivateLink } from '../onboarding/request/privateAccessSchema';
import { taskHandlerFactory } from '../onboarding/taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from '../onboarding/triggers/clients';
import {
  type TriggerDeps,
  type TriggerRegistry,
  withTriggerRegistry,
} from '../onboarding/triggers/registryClaims';

export interface RemovePrivateAccessInput {
  request: { requestId: string; principal: string; cluster: ClusterRef; privateLink?: PrivateLink };
  journal: Journal;
}

/**
 * Remove Private Access (offboarding): the principal's uses of shared private access end. With the
 * ownership registry: each use the principal holds there is released, the managed VPC connection deleted
 * when msk-flows made it and no other principal's record (or user tag) uses it, the consumer account's
 * policy statement removed when msk-flows wrote it and no other principal's record uses it (nor a VPC
 * connection of the account); what the principal holds no record of is left alone. Multi-VPC connectivity
 * stays on: other consumers may use it. Without the registry: the principal leaves the VPC connection (its
 * user tag; deleted when msk-flows made it and no user tag is left) and the statement goes once none of
 * the account's VPC connections is in use.
 */
export async function removePrivateAccess(
  input: RemovePrivateAccessInput,
  deps: TriggerDeps,
): Promise<Journal> {
  const { request } = input;
  const link = request.privateLink;
  if (!link || request.cluster.kind !== 'msk') return input.journal;
  const clusterArn = request.cluster.arn;
  const changes = await withTriggerRegistry(request, deps, 'removePrivateAccess', (reg) =>
    reg
      ? endRecordedUses(reg, request.principal, clusterArn, link, deps)
      : releaseByTags(request, clusterArn, link, deps),
  );
  return appendToJournal(input.journal, changes);
}

/** The principal's uses the registry holds, ended (each by its kind's rule) and released; others left alone. */
async function endRecordedUses(
  reg: TriggerRegistry,
  principal: string,
  clusterArn: string,
  link: PrivateLink,
  deps: PrivateAccessDeps,
): Promise<Change[]> {
  const things: SharedEntry[] = [
    {
      kind: 'vpc-connection',
      clusterArn,
      consumerAccountId: link.consumerAccountId,
      vpcConnectionArn: '',
      vpcId: link.vpcId,
    },
    {
      kind: 'cluster-policy-statement',
      clusterArn,
      sid: statementSidFor(link.consumerAccountId),
      previous: null,
    },
    { kind: 'multi-vpc-connectivity', clusterArn, operationArn: '' },
  ];
  const changes: Change[] = [];
  for (const thing of things) {
    const use = useIdentity(privateAccessIdentityOf(thing), principal);
    const held = reg.view.get(identityKey(use))?.owner;
    const entry = held?.record.entry;
    if (!held?.live || !entry || !isSharedEntry(entry)) {
      changes.push({
        kind: thing.kind,
        id: privateAccessIdentityOf(thing).id,
        action: 'none',
        detail:
          thing.kind === 'multi-vpc-connectivity'
            ? 'kept on: other consumers may use it'
            : 'no use of it in the ownership registry: left alone',
      });
      continue;
    }
    const consumer = { clusterArn, roleArn: link.roleArn, externalId: link.externalId };
    const ctx = {
      owner: held.record.owner,
      origin: held.record.origin,
      view: reg.view,
      end: 'offboard' as const,
    };
    changes.push(
      await endSharedUse({ ...entry, ...(entry.kind === 'vpc-connection' ? { consumer } : {}) }, ctx, deps),
    );
    const ticket = ticketOf(reg.view, use);
    if (ticket) await reg.registry.settle([{ ticket, state: 'released', note: 'offboarded' }]);
  }
  return changes;
}

/** Without the registry: the principal's user tag and the account's VPC connections decide (as before it). */
async function releaseByTags(
  request: RemovePrivateAccessInput['request'],
  clusterArn: string,
  link: PrivateLink,
  deps: PrivateAccessDeps,
): Promise<Change[]> {
  const consumer = await consumerAccountClients(clusterArn, link, request.requestId, deps);
  const connection = await findVpcConnection(consumer.kafka, clusterArn, link.vpcId);
  const changes: Change[] = [];
  if (connection?.VpcConnectionArn) {
    const outcome = await releaseVpcConnection(
      consumer.kafka,
      connection.VpcConnectionArn,
      request.principal,
    );
    changes.push({
      kind: 'vpc-connection',
      id: connection.VpcConnectionArn,
      action: outcome === 'deleted' ? 'delete' : 'none',
      detail: outcome === 'deleted' ? undefined : outcome,
    });
  } else {
    changes.push({
      kind: 'vpc-connection',
      id: `${link.consumerAccountId}/${link.vpcId}`,
      action: 'none',
      detail: 'no connection',
    });
  }
  const sid = statementSidFor(link.consumerAccountId);
  const id = policyStatementIdentity({ clusterArn, sid }).id;
  const inUse = await clientConnectionsInUse(deps.kafka, clusterArn, link.consumerAccountId);
  if (inUse.length > 0) {
    changes.push({
      kind: 'cluster-policy-statement',
      id,
      action: 'none',
      detail: `kept: ${inUse.length} VPC connection(s) of ${link.consumerAccountId} in use`,
    });
  } else {
    const { after } = await editClusterPolicy(
      deps.kafka,
      clusterArn,
      (policy) => (policy === null ? undefined : removeStatement(policy, sid, clusterArn)),
      deps.logger,
    );
    changes.push({ kind: 'cluster-policy-statement', id, action: after === undefined ? 'none' : 'delete' });
  }
  changes.push({
    kind: 'multi-vpc-connectivity',
    id: clusterArn,
    action: 'none',
    detail: 'kept on: other consumers may use it',
  });
  return changes;
}

/** Builds the handler of the "Remove Private Access" state over the deps given (local runs pass their own). */
export const createRemovePrivateAccessHandler = taskHandlerFactory(removePrivateAccess);

/** Lambda entry point of the "Remove Private Access" state. */
export const handler = createRemovePrivateAccessHandler(privateAccessDeps);
