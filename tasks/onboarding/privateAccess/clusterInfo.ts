import { type Cluster, DescribeClusterV2Command, type KafkaClient } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import { MskClusterError } from '../cluster/errors';

/** The cluster's DescribeClusterV2 answer; an answer without ClusterInfo is an MskClusterError. */
export async function describeCluster(kafka: KafkaClient, clusterArn: string): Promise<Cluster> {
  const { ClusterInfo: info } = await awsCall('DescribeClusterV2', clusterArn, () =>
    kafka.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })),
  );
  if (!info)
    throw new MskClusterError(`DescribeClusterV2 returned no ClusterInfo for ${clusterArn}`, clusterArn);
  return info;
}

/** Whether multi-VPC connectivity with SASL/SCRAM is on. */
export function multiVpcScramOn(info: Cluster): boolean {
  return (
    info.Provisioned?.BrokerNodeGroupInfo?.ConnectivityInfo?.VpcConnectivity?.ClientAuthentication?.Sasl
      ?.Scram?.Enabled === true
  );
}

/** MSK's answer when CurrentVersion is stale (the cluster changed since we read it). */
export function isVersionConflict(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return (
    e?.name === 'ConflictException' || (e?.name === 'BadRequestException' && /version/i.test(e.message ?? ''))
  );
}
