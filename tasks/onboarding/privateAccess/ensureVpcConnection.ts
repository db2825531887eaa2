import {
  CreateVpcConnectionCommand,
  DescribeVpcConnectionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { Change, ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { consumerAccountClients } from './consumerAccount';
import type { PrivateAccessDeps } from './types';
import { findVpcConnection, TAG_CREATED_BY, userTagKey } from './vpcConnections';

export interface EnsureVpcConnectionInput {
  request: { requestId: string; principal: string; cluster: ClusterRef; privateLink: PrivateLink };
  journal: Journal;
}

/**
 * Ensure VPC Connection: in the consumer account (assumed role with ExternalId), finds the consumer VPC's
 * SASL/SCRAM managed VPC connection to the cluster or creates it (subnets, security groups), tagged as
 * msk-flows' and as used by the principal. An existing connection msk-flows made gets the principal's tag.
 */
export async function ensureVpcConnection(
  input: EnsureVpcConnectionInput,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients' | 'logger'>,
): Promise<Journal> {
  const { request, journal } = input;
  const clusterArn = mskClusterArnOf(request.cluster);
  const link = request.privateLink;
  const consumer = await consumerAccountClients(clusterArn, link, request.requestId, deps);
  const userTag = { [userTagKey(request.principal)]: request.principal };
  const existing = await findVpcConnection(consumer.kafka, clusterArn, link.vpcId);
  if (existing?.VpcConnectionArn) {
    const arn = existing.VpcConnectionArn;
    const { Tags: tags = {} } = await awsCall('DescribeVpcConnection', arn, () =>
      consumer.kafka.send(new DescribeVpcConnectionCommand({ Arn: arn })),
    );
    const ours = tags[TAG_CREATED_BY] !== undefined;
    if (ours && tags[userTagKey(request.principal)] === undefined) {
      await awsCall('TagResource', arn, () =>
        consumer.kafka.send(new TagResourceCommand({ ResourceArn: arn, Tags: userTag })),
      );
    }
    const journaled = journal.ledger.some((e) => e.kind === 'vpc-connection' && e.vpcConnectionArn === arn);
    if (tags[TAG_CREATED_BY] === request.requestId && !journaled) {
      // A retry of this Lambda after CreateVpcConnection succeeded: still this execution's to undo.
      return journalCreated(
        journal,
        clusterArn,
        link,
        arn,
        'created by an earlier attempt of this execution',
      );
    }
    const change: Change = {
      kind: 'vpc-connection',
      id: arn,
      action: 'none',
      detail: `${existing.State}; ${ours ? 'made by msk-flows, shared' : 'not made by msk-flows, used as is'}`,
    };
    return appendToJournal(journal, [change]);
  }
  const out = await awsCall('CreateVpcConnection', clusterArn, () =>
    consumer.kafka.send(
      new CreateVpcConnectionCommand({
        TargetClusterArn: clusterArn,
        Authentication: 'SASL_SCRAM',
        VpcId: link.vpcId,
        ClientSubnets: link.subnetIds,
        SecurityGroups: link.securityGroupIds,
        Tags: { [TAG_CREATED_BY]: request.requestId, ...userTag },
      }),
    ),
  );
  const arn = out.VpcConnectionArn ?? '';
  deps.logger.info('managed VPC connection created', {
    clusterArn,
    vpcConnectionArn: arn,
    account: link.consumerAccountId,
  });
  return journalCreated(journal, clusterArn, link, arn, `in ${link.vpcId}, ${link.subnetIds.length} subnets`);
}

function journalCreated(
  journal: Journal,
  clusterArn: string,
  link: PrivateLink,
  arn: string,
  detail: string,
): Journal {
  return appendToJournal(
    journal,
    [{ kind: 'vpc-connection', id: arn, action: 'create', detail }],
    [
      {
        kind: 'vpc-connection',
        clusterArn,
        consumerAccountId: link.consumerAccountId,
        vpcConnectionArn: arn,
      },
    ],
  );
}

/** Builds the handler of the "Ensure VPC Connection" state over the deps given (local runs pass their own). */
export const createEnsureVpcConnectionHandler = taskHandlerFactory(ensureVpcConnection);

/** Lambda entry point of the "Ensure VPC Connection" state. */
export const handler = createEnsureVpcConnectionHandler(privateAccessDeps);
