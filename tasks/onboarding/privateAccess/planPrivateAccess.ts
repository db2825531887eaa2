import type { Change, ClusterRef } from '../contracts';
import type { KafkaStepDeps } from '../kafka/types';
import type { PrivateLink } from '../request/privateAccessSchema';
import { multiVpcScramOn } from './clusterInfo';
import { consumerStatement, mergeStatement } from './clusterPolicy';
import { consumerAccountClients } from './consumerAccount';
import { policyStatementIdentity } from './identity';
import { readClusterPolicy } from './policyStore';
import { privateAccessPreflight } from './preflight';
import type { PrivateAccessDeps } from './types';
import { findVpcConnection } from './vpcConnections';

/** The request fields private access planning reads. */
export interface PrivateAccessPlanRequest {
  requestId: string;
  cluster: ClusterRef;
  privateLink?: PrivateLink;
}

/**
 * What private access would change, after its preflight (which throws the first failing check):
 * connectivity, the consumer account's policy statement, its managed VPC connection. Read-only.
 */
export async function planPrivateAccess(
  request: PrivateAccessPlanRequest,
  deps: { privateAccess: PrivateAccessDeps; kafka: KafkaStepDeps },
): Promise<Change[]> {
  const link = request.privateLink;
  if (!link || request.cluster.kind !== 'msk') return [];
  const clusterArn = request.cluster.arn;
  const consumer = await consumerAccountClients(clusterArn, link, request.requestId, deps.privateAccess);
  const info = await privateAccessPreflight({ cluster: request.cluster, privateLink: link }, consumer, deps);
  const on = multiVpcScramOn(info);
  const statement = consumerStatement(clusterArn, link.consumerAccountId);
  const { policy } = await readClusterPolicy(deps.privateAccess.kafka, clusterArn);
  const merged = mergeStatement(policy, statement, clusterArn);
  const connection = await findVpcConnection(consumer.kafka, clusterArn, link.vpcId);
  return [
    {
      kind: 'multi-vpc-connectivity',
      id: clusterArn,
      action: on ? 'none' : 'update',
      detail: on ? 'SASL/SCRAM already on' : 'SASL/SCRAM on (a rolling update, 30+ minutes)',
    },
    {
      kind: 'cluster-policy-statement',
      id: policyStatementIdentity({ clusterArn, sid: String(statement.Sid) }).id,
      action: !merged.changed ? 'none' : merged.previous === null ? 'create' : 'update',
    },
    {
      kind: 'vpc-connection',
      id: connection?.VpcConnectionArn ?? `${link.consumerAccountId}/${link.vpcId}`,
      action: connection ? 'none' : 'create',
      detail: connection ? connection.State : `SASL_SCRAM in ${link.vpcId}, ${link.subnetIds.length} subnets`,
    },
  ];
}
