import type { ClusterRef } from '../contracts';
import { InvalidMskClusterArnError, NotAnMskClusterError } from './errors';

/** The parts of an MSK cluster ARN; `partition` is `aws`, `aws-cn`, `aws-us-gov` … */
export interface MskClusterArnParts {
  partition: string;
  region: string;
  account: string;
  clusterName: string;
}

// arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>, any partition (never a literal `aws`).
const MSK_CLUSTER_ARN = /^arn:(aws(?:-[a-z]+)*):kafka:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):cluster\/([^/]+)\/[^/]+$/;

/** Parses an MSK cluster ARN in any partition; throws InvalidMskClusterArnError otherwise. */
export function parseMskClusterArn(arn: string): MskClusterArnParts {
  const match = MSK_CLUSTER_ARN.exec(arn);
  if (!match) throw new InvalidMskClusterArnError(arn);
  const [, partition, region, account, clusterName] = match;
  return { partition, region, account, clusterName };
}

/** The ARN of an MSK cluster ref, validated; throws NotAnMskClusterError for a self-managed cluster. */
export function mskClusterArnOf(cluster: ClusterRef): string {
  if (cluster.kind !== 'msk') throw new NotAnMskClusterError(cluster.bootstrapServers.join(','));
  parseMskClusterArn(cluster.arn);
  return cluster.arn;
}
