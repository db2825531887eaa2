import { type Cluster, UpdateConnectivityCommand } from '@aws-sdk/client-kafka';
import { toAwsCallError } from '../cluster/awsCall';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import type { Ticket } from '../registry/registry';
import { runContextOf } from '../registry/runContext';
import { taskHandlerFactory } from '../taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from '../triggers/clients';
import { type TriggerDeps, withTriggerRegistry } from '../triggers/registryClaims';
import { describeCluster, isVersionConflict, multiVpcScramOn } from './clusterInfo';
import { ClusterBusyError, ClusterVersionConflictError } from './errors';
import { claimUse, settleUse } from './sharedUse';
import type { PrivateAccessDeps } from './types';

export interface EnableMultiVpcConnectivityInput {
  request: { requestId: string; principal: string; cluster: ClusterRef };
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
 * With the ownership registry the principal's use of connectivity is recorded `intent` before
 * UpdateConnectivity and `owned` after (origin `created` when this run turned it on, `used` when it was on).
 * https://docs.aws.amazon.com/msk/latest/developerguide/mvpc-cluster-owner-action-turn-on.html
 */
export async function enableMultiVpcConnectivity(
  input: EnableMultiVpcConnectivityInput,
  deps: Pick<TriggerDeps, 'kafka' | 'logger' | 'registry'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  if (input.journal.ledger.some((e) => e.kind === 'multi-vpc-connectivity' && e.clusterArn === clusterArn)) {
    return input.journal; // a retry of this Lambda after its UpdateConnectivity was accepted
  }
  const ctx = runContextOf(input.request, input.journal);
  const use = { kind: 'multi-vpc-connectivity' as const, clusterArn, operationArn: '' };
  return withTriggerRegistry(input.request, deps, 'enableMultiVpcConnectivity', async (reg) => {
    const turned = await turnOn(input.journal, clusterArn, deps, (origin) => claimUse(reg, ctx, use, origin));
    const entry = turned.journal.ledger.find(
      (e) => e.kind === 'multi-vpc-connectivity' && e.clusterArn === clusterArn,
    );
    await settleUse(reg, turned.ticket, entry?.kind === 'multi-vpc-connectivity' ? entry : use);
    return turned.journal;
  });
}

/**
 * Turns SASL/SCRAM multi-VPC connectivity on unless it is on; `claim` records the run's use first
 * (`created` right before UpdateConnectivity, `used` when it is on already).
 */
async function turnOn(
  journalIn: Journal,
  clusterArn: string,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
  claim: (origin: 'created' | 'used') => Promise<Ticket | undefined>,
): Promise<{ journal: Journal; ticket?: Ticket }> {
  const done = (journal: Journal, ticket?: Ticket) => ({ journal, ticket });
  for (let attempt = 1; ; attempt += 1) {
    const info = await describeCluster(deps.kafka, clusterArn);
    if (multiVpcScramOn(info)) {
      const ticket = await claim('used');
      return done(
        appendToJournal(journalIn, [
          { kind: 'multi-vpc-connectivity', id: clusterArn, action: 'none', detail: 'SASL/SCRAM already on' },
        ]),
        ticket,
      );
    }
    if (info.State !== 'ACTIVE') throw new ClusterBusyError(clusterArn, info.State ?? 'UNKNOWN');
    const ticket = await claim('created');
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
      const journal = appendToJournal(
        journalIn,
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
      return done(journal, ticket);
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
