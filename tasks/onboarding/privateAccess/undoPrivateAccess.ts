import { UpdateConnectivityCommand } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import type { Change, ClusterRef, PrivateAccessLedgerEntry } from '../contracts';
import type { PrivateLink } from '../request/privateAccessSchema';
import { clientConnectionsInUse } from './clientConnections';
import { describeCluster, multiVpcScramOn } from './clusterInfo';
import { removeStatement } from './clusterPolicy';
import { consumerAccountClients } from './consumerAccount';
import { connectivityIdentity, policyStatementIdentity } from './identity';
import { releaseLock } from './lockTable';
import { editClusterPolicy } from './policyStore';
import { releaseVpcConnection } from './releaseVpcConnection';
import type { PrivateAccessDeps } from './types';

type Entry<K extends PrivateAccessLedgerEntry['kind']> = Extract<PrivateAccessLedgerEntry, { kind: K }>;

/** The request fields compensation of private access reads. */
export interface PrivateAccessUndoRequest {
  requestId: string;
  principal: string;
  cluster: ClusterRef;
  privateLink?: PrivateLink;
}

/**
 * Compensation of connectivity this execution turned on: turned off again (SASL/SCRAM only, other
 * schemes kept) unless a client VPC connection still uses the cluster or the cluster is busy.
 */
export async function undoConnectivity(
  entry: Entry<'multi-vpc-connectivity'>,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Change> {
  const id = entry.clusterArn;
  const info = await describeCluster(deps.kafka, entry.clusterArn);
  if (!multiVpcScramOn(info))
    return { kind: 'multi-vpc-connectivity', id, action: 'none', detail: 'already off' };
  const inUse = await clientConnectionsInUse(deps.kafka, entry.clusterArn);
  if (inUse.length > 0)
    return {
      kind: 'multi-vpc-connectivity',
      id,
      action: 'none',
      detail: `kept: ${inUse.length} client VPC connection(s) use it`,
    };
  if (info.State !== 'ACTIVE')
    return {
      kind: 'multi-vpc-connectivity',
      id,
      action: 'none',
      detail: `kept: cluster ${info.State}; turn it off by hand`,
    };
  const auth = info.Provisioned?.BrokerNodeGroupInfo?.ConnectivityInfo?.VpcConnectivity?.ClientAuthentication;
  await awsCall('UpdateConnectivity', entry.clusterArn, () =>
    deps.kafka.send(
      new UpdateConnectivityCommand({
        ClusterArn: entry.clusterArn,
        CurrentVersion: info.CurrentVersion,
        ConnectivityInfo: {
          VpcConnectivity: {
            ClientAuthentication: {
              Sasl: { Scram: { Enabled: false }, Iam: { Enabled: auth?.Sasl?.Iam?.Enabled === true } },
              Tls: { Enabled: auth?.Tls?.Enabled === true },
            },
          },
        },
      }),
    ),
  );
  deps.logger.info('multi-VPC SASL/SCRAM connectivity turning off (compensation)', {
    clusterArn: entry.clusterArn,
  });
  return {
    kind: 'multi-vpc-connectivity',
    id: connectivityIdentity(entry).id,
    action: 'delete',
    detail: 'SASL/SCRAM off again',
  };
}

/**
 * Compensation of the policy statement: a replaced statement is put back; an added one is removed unless
 * the consumer account still has a client VPC connection in use (another execution relies on it).
 */
export async function undoPolicyStatement(
  entry: Entry<'cluster-policy-statement'>,
  consumerAccountId: string | undefined,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Change> {
  const id = policyStatementIdentity(entry).id;
  if (entry.previous === null && consumerAccountId) {
    const inUse = await clientConnectionsInUse(deps.kafka, entry.clusterArn, consumerAccountId);
    if (inUse.length > 0)
      return {
        kind: 'cluster-policy-statement',
        id,
        action: 'none',
        detail: `kept: ${inUse.length} VPC connection(s) of ${consumerAccountId} in use`,
      };
  }
  const { after } = await editClusterPolicy(
    deps.kafka,
    entry.clusterArn,
    (policy) =>
      policy === null ? undefined : removeStatement(policy, entry.sid, entry.clusterArn, entry.previous),
    deps.logger,
  );
  if (after === undefined)
    return { kind: 'cluster-policy-statement', id, action: 'none', detail: 'not in the policy' };
  return {
    kind: 'cluster-policy-statement',
    id,
    action: entry.previous === null ? 'delete' : 'update',
    detail: entry.previous === null ? 'removed' : 'previous statement put back',
  };
}

/** Compensation of the cluster lock: released if this execution still holds it. */
export async function undoClusterLock(
  entry: Entry<'cluster-lock'>,
  deps: Pick<PrivateAccessDeps, 'dynamodb' | 'lockTable'>,
): Promise<Change> {
  const released = deps.lockTable
    ? await releaseLock(deps.dynamodb, deps.lockTable, entry.clusterArn, entry.owner)
    : false;
  return { kind: 'cluster-lock', id: entry.clusterArn, action: released ? 'delete' : 'none' };
}

/** Compensation of a VPC connection this execution created: deleted unless another principal uses it now. */
export async function undoVpcConnection(
  entry: Entry<'vpc-connection'>,
  request: PrivateAccessUndoRequest,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients'>,
): Promise<Change> {
  if (!request.privateLink)
    return {
      kind: 'vpc-connection',
      id: entry.vpcConnectionArn,
      action: 'none',
      detail: 'no privateLink to reach it',
    };
  const consumer = await consumerAccountClients(
    entry.clusterArn,
    request.privateLink,
    request.requestId,
    deps,
  );
  const outcome = await releaseVpcConnection(consumer.kafka, entry.vpcConnectionArn, request.principal);
  return {
    kind: 'vpc-connection',
    id: entry.vpcConnectionArn,
    action: outcome === 'deleted' ? 'delete' : 'none',
    detail: outcome === 'deleted' ? undefined : outcome,
  };
}

/** Compensation of any private access ledger entry. */
export function undoPrivateAccessEntry(
  entry: PrivateAccessLedgerEntry,
  request: PrivateAccessUndoRequest,
  deps: PrivateAccessDeps,
): Promise<Change> {
  switch (entry.kind) {
    case 'multi-vpc-connectivity':
      return undoConnectivity(entry, deps);
    case 'cluster-policy-statement':
      return undoPolicyStatement(entry, request.privateLink?.consumerAccountId, deps);
    case 'cluster-lock':
      return undoClusterLock(entry, deps);
    case 'vpc-connection':
      return undoVpcConnection(entry, request, deps);
  }
}
