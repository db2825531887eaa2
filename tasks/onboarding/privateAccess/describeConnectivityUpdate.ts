import { DescribeClusterOperationV2Command } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { ConnectivityUpdateError } from './errors';
import { nextPoll } from './polling';
import type { PrivateAccessDeps } from './types';

export interface DescribeConnectivityUpdateInput {
  request: { cluster: ClusterRef };
  journal: Journal;
  /** `$.connectivity` of the previous check. */
  connectivity?: { attempt?: number };
}

/** Goes to `$.connectivity`: the Choice reads `done`, the Wait `waitSeconds`. */
export interface DescribeConnectivityUpdateOutput {
  done: boolean;
  state: string;
  attempt: number;
  waitSeconds: number;
}

/** Checks before giving up: 30, 60, 120, 240, then 300 s; about 100 minutes (a rolling update takes 30+). */
export const MAX_CONNECTIVITY_CHECKS = 24;

/**
 * Describe Connectivity Update: one check of the UpdateConnectivity operation this execution started
 * (DescribeClusterOperationV2); nothing started (already on) is done at once. UPDATE_FAILED surfaces MSK's error info.
 */
export async function describeConnectivityUpdate(
  input: DescribeConnectivityUpdateInput,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<DescribeConnectivityUpdateOutput> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const poll = nextPoll(input.connectivity, 30, 300);
  const entry = input.journal.ledger.find(
    (e) => e.kind === 'multi-vpc-connectivity' && e.clusterArn === clusterArn,
  );
  if (entry?.kind !== 'multi-vpc-connectivity')
    return { done: true, state: 'UNCHANGED', attempt: poll.attempt, waitSeconds: 0 };
  const { ClusterOperationInfo: op } = await awsCall('DescribeClusterOperationV2', entry.operationArn, () =>
    deps.kafka.send(new DescribeClusterOperationV2Command({ ClusterOperationArn: entry.operationArn })),
  );
  const state = op?.OperationState ?? 'UNKNOWN';
  if (state === 'UPDATE_COMPLETE') return { done: true, state, attempt: poll.attempt, waitSeconds: 0 };
  if (state === 'UPDATE_FAILED') {
    const info = op?.ErrorInfo;
    throw new ConnectivityUpdateError(
      clusterArn,
      entry.operationArn,
      `UPDATE_FAILED: ${info?.ErrorCode ?? 'no code'}: ${info?.ErrorString ?? 'no detail'}`,
    );
  }
  if (poll.attempt >= MAX_CONNECTIVITY_CHECKS) {
    throw new ConnectivityUpdateError(
      clusterArn,
      entry.operationArn,
      `still ${state} after ${poll.attempt} checks`,
    );
  }
  deps.logger.info('connectivity update in progress', { clusterArn, state, ...poll });
  return { done: false, state, ...poll };
}

/** Builds the handler of the "Describe Connectivity Update" state over the deps given (local runs pass their own). */
export const createDescribeConnectivityUpdateHandler = taskHandlerFactory(describeConnectivityUpdate);

/** Lambda entry point of the "Describe Connectivity Update" state. */
export const handler = createDescribeConnectivityUpdateHandler(privateAccessDeps);
