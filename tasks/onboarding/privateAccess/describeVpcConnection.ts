import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef } from '../contracts';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { consumerAccountClients } from './consumerAccount';
import { VpcConnectionError } from './errors';
import { nextPoll } from './polling';
import type { PrivateAccessDeps } from './types';
import { findVpcConnection } from './vpcConnections';

export interface DescribeVpcConnectionInput {
  request: { requestId: string; cluster: ClusterRef; privateLink: PrivateLink };
  /** `$.vpcConnection` of the previous check. */
  vpcConnection?: { attempt?: number };
}

/** Goes to `$.vpcConnection`: the Choice reads `available`, the Wait `waitSeconds`. */
export interface DescribeVpcConnectionOutput {
  available: boolean;
  state: string;
  vpcConnectionArn: string;
  attempt: number;
  waitSeconds: number;
}

/** Checks before giving up: 15, 30 … 300 s, about an hour. */
export const MAX_VPC_CONNECTION_CHECKS = 16;

/** Describe VPC Connection: one check of the consumer's managed VPC connection; FAILED or REJECTED is an error. */
export async function describeVpcConnection(
  input: DescribeVpcConnectionInput,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients' | 'logger'>,
): Promise<DescribeVpcConnectionOutput> {
  const { request } = input;
  const clusterArn = mskClusterArnOf(request.cluster);
  const poll = nextPoll(input.vpcConnection, 15, 300);
  const consumer = await consumerAccountClients(clusterArn, request.privateLink, request.requestId, deps);
  const connection = await findVpcConnection(consumer.kafka, clusterArn, request.privateLink.vpcId);
  const arn = connection?.VpcConnectionArn ?? '(none)';
  const state = connection?.State ?? 'MISSING';
  if (state === 'AVAILABLE')
    return { available: true, state, vpcConnectionArn: arn, attempt: poll.attempt, waitSeconds: 0 };
  if (state === 'FAILED' || state === 'REJECTED' || state === 'MISSING') {
    const hint =
      state === 'REJECTED'
        ? 'the cluster owner rejected it (RejectClientVpcConnection); ask them before onboarding again'
        : 'check the subnets (AZ IDs of the brokers), security groups and the cluster policy';
    throw new VpcConnectionError(clusterArn, arn, state, hint);
  }
  if (poll.attempt >= MAX_VPC_CONNECTION_CHECKS) {
    throw new VpcConnectionError(clusterArn, arn, state, `not AVAILABLE after ${poll.attempt} checks`);
  }
  deps.logger.info('VPC connection not available yet', { clusterArn, vpcConnectionArn: arn, state, ...poll });
  return { available: false, state, vpcConnectionArn: arn, ...poll };
}

/** Builds the handler of the "Describe VPC Connection" state over the deps given (local runs pass their own). */
export const createDescribeVpcConnectionHandler = taskHandlerFactory(describeVpcConnection);

/** Lambda entry point of the "Describe VPC Connection" state. */
export const handler = createDescribeVpcConnectionHandler(privateAccessDeps);
