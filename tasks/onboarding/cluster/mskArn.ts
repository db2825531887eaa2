import type { ClusterRef } from '../contracts';
import { MSK_CLUSTER_ARN, parseArn } from '../request/arns';
import { InvalidMskClusterArnError, NotAnMskClusterError } from './errors';

/** The parts of an MSK cluster ARN; `partition` is `aws`, `aws-cn` or `aws-us-gov`. */
export interface MskClusterArnParts {
  partition: string;
  region: string;
  account: string;
  clusterName: string;
}

/** Parses an MSK cluster ARN of any partition; throws InvalidMskClusterArnError otherwise. */
export function parseMskClusterArn(arn: string): MskClusterArnParts {
  const parts = MSK_CLUSTER_ARN.test(arn) ? parseArn(arn) : undefined;
  if (!parts) throw new InvalidMskClusterArnError(arn);
  // resource: cluster/<name>/<uuid>-<n>
  const clusterName = parts.resource.split('/')[1] ?? '';
  return { partition: parts.partition, region: parts.region, account: parts.account, clusterName };
}

/** The ARN of an MSK cluster ref, validated; throws NotAnMskClusterError for a self-managed cluster. */
export function mskClusterArnOf(cluster: ClusterRef): string {
  if (cluster.kind !== 'msk') throw new NotAnMskClusterError(cluster.bootstrapServers.join(','));
  parseMskClusterArn(cluster.arn);
  return cluster.arn;
}
