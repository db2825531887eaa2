import { GetBootstrapBrokersCommand } from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import { MskListenerNotFoundError } from '../cluster/errors';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import type { PrivateAccessDeps } from './types';

export interface ReportConsumerBootstrapInput {
  request: { cluster: ClusterRef; privateLink: PrivateLink };
  journal: Journal;
}

/** The multi-VPC SASL/SCRAM bootstrap string (ports 14001+) consumers in other VPCs must use. */
export async function consumerBootstrapBrokers(
  clusterArn: string,
  deps: Pick<PrivateAccessDeps, 'kafka'>,
): Promise<string | undefined> {
  const out = await awsCall('GetBootstrapBrokers', clusterArn, () =>
    deps.kafka.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn })),
  );
  return out.BootstrapBrokerStringVpcConnectivitySaslScram || undefined;
}

/**
 * Report Consumer Bootstrap: puts `BootstrapBrokerStringVpcConnectivitySaslScram` into the run's summary
 * (a `bootstrap-brokers` line): what the consumer account's clients and triggers connect to.
 */
export async function reportConsumerBootstrap(
  input: ReportConsumerBootstrapInput,
  deps: Pick<PrivateAccessDeps, 'kafka'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const brokers = await consumerBootstrapBrokers(clusterArn, deps);
  if (!brokers) throw new MskListenerNotFoundError(clusterArn, 'multi-VPC SASL/SCRAM');
  return appendToJournal(input.journal, [
    {
      kind: 'bootstrap-brokers',
      id: brokers,
      action: 'none',
      detail: `account ${input.request.privateLink.consumerAccountId} connects here (multi-VPC, SASL/SCRAM)`,
    },
  ]);
}

/** Builds the handler of the "Report Consumer Bootstrap" state over the deps given (local runs pass their own). */
export const createReportConsumerBootstrapHandler = taskHandlerFactory(reportConsumerBootstrap);

/** Lambda entry point of the "Report Consumer Bootstrap" state. */
export const handler = createReportConsumerBootstrapHandler(privateAccessDeps);
