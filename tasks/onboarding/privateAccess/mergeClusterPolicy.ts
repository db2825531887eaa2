import { mskClusterArnOf } from '../cluster/mskArn';
import type { Change, ClusterRef, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import type { Ticket } from '../registry/registry';
import { type RunContext, runContextOf } from '../registry/runContext';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from '../triggers/clients';
import { type TriggerDeps, type TriggerRegistry, withTriggerRegistry } from '../triggers/registryClaims';
import { consumerStatement, findStatement, mergeStatement } from './clusterPolicy';
import { policyStatementIdentity } from './identity';
import { editClusterPolicy, readClusterPolicy } from './policyStore';
import { claimUse, madeByMskFlows, settleUse } from './sharedUse';
import type { PrivateAccessDeps } from './types';

type StatementEntry = Extract<LedgerEntry, { kind: 'cluster-policy-statement' }>;

export interface MergeClusterPolicyInput {
  request: { requestId: string; principal: string; cluster: ClusterRef; privateLink: PrivateLink };
  journal: Journal;
}

/**
 * Merge Cluster Policy: adds (or keeps) the consumer account's statement, Sid `MskFlowsConsumer<account>`,
 * granting the multi-VPC actions; every other statement is kept byte-for-byte. Written with the
 * policy's CurrentVersion, merged again on a version conflict. Runs under the cluster lock. With the
 * ownership registry the principal's use of the statement is recorded `intent` before PutClusterPolicy and
 * `owned` after (origin `created` when this run wrote it, `used` when it was there).
 */
export async function mergeClusterPolicy(
  input: MergeClusterPolicyInput,
  deps: Pick<TriggerDeps, 'kafka' | 'logger' | 'registry'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const statement = consumerStatement(clusterArn, input.request.privateLink.consumerAccountId);
  const sid = String(statement.Sid);
  if (
    input.journal.ledger.some(
      (e) => e.kind === 'cluster-policy-statement' && e.clusterArn === clusterArn && e.sid === sid,
    )
  ) {
    return input.journal; // written by an earlier attempt of this very Lambda
  }
  const ctx = runContextOf(input.request, input.journal);
  return withTriggerRegistry(input.request, deps, 'mergeClusterPolicy', async (reg) => {
    const use = await claimStatementUse(reg, ctx, clusterArn, statement, deps);
    const journal = await mergeStatementInto(input.journal, clusterArn, statement, deps);
    const written = journal.ledger.length > input.journal.ledger.length;
    // Not written now but claimed `created`: a retry after an earlier attempt's PutClusterPolicy.
    const carried = !written && use.ticket?.origin === 'created' ? use.ticket.entry : undefined;
    const entry: StatementEntry = written
      ? { ...(journal.ledger[journal.ledger.length - 1] as StatementEntry), madeByMskFlows: true }
      : carried?.kind === 'cluster-policy-statement'
        ? carried
        : { kind: 'cluster-policy-statement', clusterArn, sid, previous: null, madeByMskFlows: use.made };
    await settleUse(reg, use.ticket, entry, written || carried ? 'created' : 'used');
    return journal;
  });
}

/**
 * Records the run's use of the statement before PutClusterPolicy (`intent`): `created` when the policy
 * read now lacks it or holds other content under our Sid (with what it replaces), `used` when it is there
 * (then `made` says whether the registry shows msk-flows wrote it). Runs under the cluster lock, so no
 * other msk-flows run writes the policy between this read and the merge.
 */
async function claimStatementUse(
  reg: TriggerRegistry | undefined,
  ctx: RunContext,
  clusterArn: string,
  statement: Record<string, unknown>,
  deps: Pick<PrivateAccessDeps, 'kafka'>,
): Promise<{ ticket?: Ticket; made: boolean }> {
  if (!reg) return { made: false };
  const sid = String(statement.Sid);
  const { policy } = await readClusterPolicy(deps.kafka, clusterArn);
  const merged = mergeStatement(policy, statement, clusterArn);
  const base = { kind: 'cluster-policy-statement' as const, clusterArn, sid };
  if (merged.changed) {
    const entry = { ...base, previous: merged.previous, madeByMskFlows: true };
    return { ticket: await claimUse(reg, ctx, entry, 'created'), made: true };
  }
  const made = madeByMskFlows(reg.view, policyStatementIdentity(base));
  const ticket = await claimUse(reg, ctx, { ...base, previous: null, madeByMskFlows: made }, 'used');
  return { ticket, made };
}

/** Merges the statement into the cluster policy and journals what it did. */
async function mergeStatementInto(
  journal: Journal,
  clusterArn: string,
  statement: Record<string, unknown>,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Journal> {
  const sid = String(statement.Sid);
  const id = policyStatementIdentity({ clusterArn, sid }).id;
  let previous: string | null = null;
  const { before, after } = await editClusterPolicy(
    deps.kafka,
    clusterArn,
    (policy) => {
      const merged = mergeStatement(policy, statement, clusterArn);
      previous = merged.previous;
      return merged.changed ? merged.policy : undefined;
    },
    deps.logger,
  );
  if (after === undefined) {
    const change: Change = {
      kind: 'cluster-policy-statement',
      id,
      action: 'none',
      detail: 'statement present',
    };
    return appendToJournal(journal, [change]);
  }
  const existed = before !== null && findStatement(before, sid, clusterArn) !== undefined;
  deps.logger.info('cluster policy statement written', { clusterArn, sid, replaced: existed });
  const change: Change = {
    kind: 'cluster-policy-statement',
    id,
    action: existed ? 'update' : 'create',
    detail: existed
      ? 'statement with our Sid had other content'
      : 'CreateVpcConnection, GetBootstrapBrokers, DescribeCluster(V2)',
  };
  return appendToJournal(
    journal,
    [change],
    [{ kind: 'cluster-policy-statement', clusterArn, sid, previous }],
  );
}

/** Builds the handler of the "Merge Cluster Policy" state over the deps given (local runs pass their own). */
export const createMergeClusterPolicyHandler = taskHandlerFactory(mergeClusterPolicy);

/** Lambda entry point of the "Merge Cluster Policy" state. */
export const handler = createMergeClusterPolicyHandler(privateAccessDeps);
