import { type Cluster, UpdateConnectivityCommand } from '@aws-sdk/client-kafka';
import { toAwsCallError } from '../cluster/awsCall';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { describeCluster, isVersionConflict, multiVpcScramOn } from './clusterInfo';
import { ClusterBusyError, ClusterVersionConflictError } from './errors';
import type { PrivateAccessDeps } from './types';

export interface EnableMultiVpcConnectivityInput {
  request: { cluster: ClusterRef };
  journal: Journal;
}

/** In-task attempts when another change moves CurrentVersion between our read and our write. */
const VERSION_ATTEMPTS = 3;

/** The connectivity with SASL/SCRAM on and every other multi-VPC auth scheme as it is. */
function withScramOn(info: Cluster) {
  const current =
    info.Provisioned?.BrokerNodeGroupInfo?.ConnectivityInfo?.VpcConnectivity?.ClientAuthentication;
  return {
    VpcConnectivity: {
      ClientAuthentication: {
        Sasl: { Scram: { Enabled: true }, Iam: { Enabled: current?.Sasl?.Iam?.Enabled === true } },
        Tls: { Enabled: current?.Tls?.Enabled === true },
      },
    },
  };
}

/**
 * Enable Multi-VPC Connectivity: turns on multi-VPC private connectivity for SASL/SCRAM (UpdateConnectivity
 * with CurrentVersion) unless it is on; keeps the other auth schemes as they are. Runs under the cluster lock.
 * https://docs.aws.amazon.com/msk/latest/developerguide/mvpc-cluster-owner-action-turn-on.html
 */
export async function enableMultiVpcConnectivity(
  input: EnableMultiVpcConnectivityInput,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  if (input.journal.ledger.some((e) => e.kind === 'multi-vpc-connectivity' && e.clusterArn === clusterArn)) {
    return input.journal; // a retry of this Lambda after its UpdateConnectivity was accepted
  }
  for (let attempt = 1; ; attempt += 1) {
    const info = await describeCluster(deps.kafka, clusterArn);
    if (multiVpcScramOn(info)) {
      return appendToJournal(input.journal, [
        { kind: 'multi-vpc-connectivity', id: clusterArn, action: 'none', detail: 'SASL/SCRAM already on' },
      ]);
    }
    if (info.State !== 'ACTIVE') throw new ClusterBusyError(clusterArn, info.State ?? 'UNKNOWN');
    try {
      const out = await deps.kafka.send(
        new UpdateConnectivityCommand({
          ClusterArn: clusterArn,
          CurrentVersion: info.CurrentVersion,
          ConnectivityInfo: withScramOn(info),
        }),
      );
      const operationArn = out.ClusterOperationArn ?? '';
      deps.logger.info('multi-VPC SASL/SCRAM connectivity turning on', { clusterArn, operationArn });
      return appendToJournal(
        input.journal,
        [
          {
            kind: 'multi-vpc-connectivity',
            id: clusterArn,
            action: 'update',
            detail: 'SASL/SCRAM on (a rolling update, 30+ minutes)',
          },
        ],
        [{ kind: 'multi-vpc-connectivity', clusterArn, operationArn }],
      );
    } catch (error) {
      if (!isVersionConflict(error)) throw toAwsCallError('UpdateConnectivity', clusterArn, error);
      if (attempt >= VERSION_ATTEMPTS)
        throw new ClusterVersionConflictError(clusterArn, 'UpdateConnectivity', { cause: error });
      deps.logger.info('cluster version moved; reading it again', { clusterArn, attempt });
    }
  }
}

/** Builds the handler of the "Enable Multi-VPC Connectivity" state over the deps given (local runs pass their own). */
export const createEnableMultiVpcConnectivityHandler = taskHandlerFactory(enableMultiVpcConnectivity);

/** Lambda entry point of the "Enable Multi-VPC Connectivity" state. */
export const handler = createEnableMultiVpcConnectivityHandler(privateAccessDeps);
