import { DescribeClusterV2Command, type KafkaClient } from '@aws-sdk/client-kafka';
import type { ClusterRef } from '../contracts';
import { taskHandlerFactory } from '../taskHandler';
import { awsCall } from './awsCall';
import { kafkaClient, logger, type TaskLogger } from './clients';
import {
  ClusterNotActiveError,
  ClusterUnusableError,
  MskClusterError,
  ScramNotSupportedError,
} from './errors';
import { mskClusterArnOf } from './mskArn';

/** `$.request` plus the previous result of this step (`$.cluster`), absent on the first check. */
export interface DescribeClusterStateInput {
  request: { cluster: ClusterRef };
  cluster?: { attempt?: number };
}

/** Goes to `$.cluster`: the Choice reads `active`, the Wait reads `waitSeconds`, the next check `attempt`. */
export interface DescribeClusterStateOutput {
  state: string;
  currentVersion: string;
  active: boolean;
  attempt: number;
  waitSeconds: number;
}

export interface DescribeClusterStateDeps {
  kafka: KafkaClient;
  logger: TaskLogger;
}

/** Checks before giving up: 15+30+60+120+240 s, then 300 s each, about 80 minutes in all (a rolling update can take 30+). */
export const MAX_CLUSTER_STATE_CHECKS = 20;

// States that waiting cannot fix.
const UNUSABLE_STATES: ReadonlySet<string> = new Set(['FAILED', 'DELETING']);

/** Seconds to wait after check number `attempt`: 15, 30, 60, 120, 240, then 300. */
export function clusterWaitSeconds(attempt: number): number {
  return Math.min(15 * 2 ** (Math.max(attempt, 1) - 1), 300);
}

/** One check of the cluster before SCRAM association: ACTIVE, provisioned and SCRAM-enabled, or wait. */
export async function describeClusterState(
  input: DescribeClusterStateInput,
  deps: DescribeClusterStateDeps,
): Promise<DescribeClusterStateOutput> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const attempt = (input.cluster?.attempt ?? 0) + 1;
  // DescribeClusterV2 answers for provisioned and serverless clusters alike (DescribeCluster only for provisioned).
  const { ClusterInfo: info } = await awsCall('DescribeClusterV2', clusterArn, () =>
    deps.kafka.send(new DescribeClusterV2Command({ ClusterArn: clusterArn })),
  );
  if (!info)
    throw new MskClusterError(`DescribeClusterV2 returned no ClusterInfo for ${clusterArn}`, clusterArn);
  if (info.ClusterType === 'SERVERLESS' || info.Serverless)
    throw new ScramNotSupportedError(clusterArn, 'serverless');
  const state = info.State ?? 'UNKNOWN';
  if (UNUSABLE_STATES.has(state)) throw new ClusterUnusableError(clusterArn, state);
  const currentVersion = info.CurrentVersion ?? '';
  if (state === 'ACTIVE') {
    // Checked once ACTIVE only, so an in-flight security update that turns SCRAM on is waited for.
    if (info.Provisioned?.ClientAuthentication?.Sasl?.Scram?.Enabled !== true) {
      throw new ScramNotSupportedError(clusterArn, 'scram-disabled');
    }
    return { state, currentVersion, active: true, attempt, waitSeconds: 0 };
  }
  if (attempt >= MAX_CLUSTER_STATE_CHECKS) throw new ClusterNotActiveError(clusterArn, state, attempt);
  const waitSeconds = clusterWaitSeconds(attempt);
  deps.logger.info('cluster not active yet', { clusterArn, state, attempt, waitSeconds });
  return { state, currentVersion, active: false, attempt, waitSeconds };
}

/** Builds the handler of the "Describe Cluster" state over the deps given (local runs pass their own). */
export const createDescribeClusterStateHandler = taskHandlerFactory(describeClusterState);

/** Lambda entry point of the "Describe Cluster" state. */
export const handler = createDescribeClusterStateHandler({ kafka: kafkaClient, logger });
