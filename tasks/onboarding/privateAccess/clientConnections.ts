import {
  type ClientVpcConnection,
  type KafkaClient,
  ListClientVpcConnectionsCommand,
} from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';

const NOT_IN_USE = new Set(['DELETING', 'INACTIVE', 'DEACTIVATING', 'REJECTED', 'REJECTING', 'FAILED']);

/**
 * The cluster's client VPC connections (cluster owner's view, ListClientVpcConnections) that are in use
 * or becoming so, optionally only those of one consumer account. What decides whether connectivity and a
 * consumer's policy statement are still needed.
 */
export async function clientConnectionsInUse(
  kafka: KafkaClient,
  clusterArn: string,
  owner?: string,
): Promise<ClientVpcConnection[]> {
  const out: ClientVpcConnection[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall('ListClientVpcConnections', clusterArn, () =>
      kafka.send(new ListClientVpcConnectionsCommand({ ClusterArn: clusterArn, NextToken: token })),
    );
    for (const c of page.ClientVpcConnections ?? []) {
      if (NOT_IN_USE.has(c.State ?? '')) continue;
      if (owner !== undefined && c.Owner !== owner) continue;
      out.push(c);
    }
    token = page.NextToken;
  } while (token);
  return out;
}
