import type { Change, ClusterRef, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { clientConnectionsInUse } from '../onboarding/privateAccess/clientConnections';
import { privateAccessDeps } from '../onboarding/privateAccess/clients';
import { removeStatement, statementSidFor } from '../onboarding/privateAccess/clusterPolicy';
import { consumerAccountClients } from '../onboarding/privateAccess/consumerAccount';
import { policyStatementIdentity } from '../onboarding/privateAccess/identity';
import { editClusterPolicy } from '../onboarding/privateAccess/policyStore';
import { releaseVpcConnection } from '../onboarding/privateAccess/releaseVpcConnection';
import type { PrivateAccessDeps } from '../onboarding/privateAccess/types';
import { findVpcConnection } from '../onboarding/privateAccess/vpcConnections';
import type { PrivateLink } from '../onboarding/request/privateAccessSchema';
import { taskHandlerFactory } from '../onboarding/taskHandler';

export interface RemovePrivateAccessInput {
  request: { requestId: string; principal: string; cluster: ClusterRef; privateLink?: PrivateLink };
  journal: Journal;
}

/**
 * Remove Private Access (offboarding): the principal leaves the consumer VPC's managed VPC connection,
 * which is deleted when msk-flows made it and nobody else uses it; the consumer account's policy statement
 * goes once none of its VPC connections is in use. Multi-VPC connectivity stays on: other consumers may use
 * it, and only the ownership registry can say msk-flows turned it on.
 */
export async function removePrivateAccess(
  input: RemovePrivateAccessInput,
  deps: PrivateAccessDeps,
): Promise<Journal> {
  const { request } = input;
  const link = request.privateLink;
  if (!link || request.cluster.kind !== 'msk') return input.journal;
  const clusterArn = request.cluster.arn;
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
  return appendToJournal(input.journal, changes);
}

/** Builds the handler of the "Remove Private Access" state over the deps given (local runs pass their own). */
export const createRemovePrivateAccessHandler = taskHandlerFactory(removePrivateAccess);

/** Lambda entry point of the "Remove Private Access" state. */
export const handler = createRemovePrivateAccessHandler(privateAccessDeps);
