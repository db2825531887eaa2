import {
  CreateVpcConnectionCommand,
  DescribeVpcConnectionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kafka';
import { awsCall } from '../cluster/awsCall';
import { mskClusterArnOf } from '../cluster/mskArn';
import type { Change, ClusterRef, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { runContextOf } from '../registry/runContext';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from '../triggers/clients';
import { type TriggerDeps, withTriggerRegistry } from '../triggers/registryClaims';
import { consumerAccountClients } from './consumerAccount';
import { claimUse, settleUse } from './sharedUse';
import { findVpcConnection, TAG_CREATED_BY, userTagKey } from './vpcConnections';

export interface EnsureVpcConnectionInput {
  request: { requestId: string; principal: string; cluster: ClusterRef; privateLink: PrivateLink };
  journal: Journal;
}

type ConnectionEntry = Extract<LedgerEntry, { kind: 'vpc-connection' }>;

/**
 * Ensure VPC Connection: in the consumer account (assumed role with ExternalId), finds the consumer VPC's
 * SASL/SCRAM managed VPC connection to the cluster or creates it (subnets, security groups), tagged as
 * msk-flows' and as used by the principal. An existing connection msk-flows made gets the principal's tag.
 * With the ownership registry the principal's use is recorded `intent` before CreateVpcConnection (by the
 * consumer VPC: the ARN is not known yet) and `owned` with the ARN after (origin `created` when this run
 * made it, `used` when it was there).
 */
export async function ensureVpcConnection(
  input: EnsureVpcConnectionInput,
  deps: Pick<TriggerDeps, 'sts' | 'consumerClients' | 'logger' | 'registry'>,
): Promise<Journal> {
  const { request, journal } = input;
  const clusterArn = mskClusterArnOf(request.cluster);
  const link = request.privateLink;
  const ctx = runContextOf(request, journal);
  const base: ConnectionEntry = {
    kind: 'vpc-connection',
    clusterArn,
    consumerAccountId: link.consumerAccountId,
    vpcConnectionArn: '',
    vpcId: link.vpcId,
    consumer: { clusterArn, roleArn: link.roleArn, externalId: link.externalId },
  };
  return withTriggerRegistry(request, deps, 'ensureVpcConnection', async (reg) => {
    const consumer = await consumerAccountClients(clusterArn, link, request.requestId, deps);
    const userTag = { [userTagKey(request.principal)]: request.principal };
    const existing = await findVpcConnection(consumer.kafka, clusterArn, link.vpcId);
    if (existing?.VpcConnectionArn) {
      const arn = existing.VpcConnectionArn;
      const entry = { ...base, vpcConnectionArn: arn };
      const { Tags: tags = {} } = await awsCall('DescribeVpcConnection', arn, () =>
        consumer.kafka.send(new DescribeVpcConnectionCommand({ Arn: arn })),
      );
      const ours = tags[TAG_CREATED_BY] !== undefined;
      const journaled = journal.ledger.some((e) => e.kind === 'vpc-connection' && e.vpcConnectionArn === arn);
      if (tags[TAG_CREATED_BY] === request.requestId && !journaled) {
        // A retry of this Lambda after CreateVpcConnection succeeded: still this execution's to undo.
        await settleUse(reg, await claimUse(reg, ctx, entry, 'created'), entry, 'created');
        return journalCreated(journal, entry, 'created by an earlier attempt of this execution');
      }
      const ticket = await claimUse(reg, ctx, entry, 'used');
      if (ours && tags[userTagKey(request.principal)] === undefined) {
        await awsCall('TagResource', arn, () =>
          consumer.kafka.send(new TagResourceCommand({ ResourceArn: arn, Tags: userTag })),
        );
      }
      await settleUse(reg, ticket, entry, 'used');
      const change: Change = {
        kind: 'vpc-connection',
        id: arn,
        action: 'none',
        detail: `${existing.State}; ${ours ? 'made by msk-flows, shared' : 'not made by msk-flows, used as is'}`,
      };
      return appendToJournal(journal, [change]);
    }
    const ticket = await claimUse(reg, ctx, base, 'created');
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
    const entry = { ...base, vpcConnectionArn: arn };
    await settleUse(reg, ticket, entry, 'created');
    return journalCreated(journal, entry, `in ${link.vpcId}, ${link.subnetIds.length} subnets`);
  });
}

function journalCreated(journal: Journal, entry: ConnectionEntry, detail: string): Journal {
  return appendToJournal(
    journal,
    [{ kind: 'vpc-connection', id: entry.vpcConnectionArn, action: 'create', detail }],
    [entry],
  );
}

/** Builds the handler of the "Ensure VPC Connection" state over the deps given (local runs pass their own). */
export const createEnsureVpcConnectionHandler = taskHandlerFactory(ensureVpcConnection);

/** Lambda entry point of the "Ensure VPC Connection" state. */
export const handler = createEnsureVpcConnectionHandler(privateAccessDeps);
