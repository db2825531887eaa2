import { createHash } from 'node:crypto';
import { type KafkaClient, ListVpcConnectionsCommand, type VpcConnection } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';

/** Tag on a VPC connection msk-flows created: the requestId that created it. */
export const TAG_CREATED_BY = 'msk-flows:created-by';

/**
 * Tag naming one principal that uses a VPC connection msk-flows created (`value`: the principal). A
 * connection is shared by every principal of the consumer VPC; it is deleted only when no such tag is left.
 * Keys are at most 128 characters, so the principal is hashed into the key.
 */
export function userTagKey(principal: string): string {
  return `msk-flows:user:${createHash('sha256').update(principal).digest('hex').slice(0, 16)}`;
}

/** States in which a connection is gone or going: never adopted, never waited for. */
const ENDED = new Set(['DELETING', 'INACTIVE', 'DEACTIVATING', 'REJECTING']);

/**
 * The consumer VPC's SASL/SCRAM connection to the cluster (ListVpcConnections in the consumer account),
 * not ending; FAILED and REJECTED ones are returned so the caller can report them.
 */
export async function findVpcConnection(
  consumerKafka: KafkaClient,
  clusterArn: string,
  vpcId: string,
): Promise<VpcConnection | undefined> {
  let token: string | undefined;
  do {
    const page = await awsCall('ListVpcConnections', clusterArn, () =>
      consumerKafka.send(new ListVpcConnectionsCommand({ NextToken: token })),
    );
    const found = (page.VpcConnections ?? []).find(
      (c) =>
        c.TargetClusterArn === clusterArn &&
        c.VpcId === vpcId &&
        c.Authentication === 'SASL_SCRAM' &&
        !ENDED.has(c.State ?? ''),
    );
    if (found) return found;
    token = page.NextToken;
  } while (token);
  return undefined;
}
