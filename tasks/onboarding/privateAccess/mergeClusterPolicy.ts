import { mskClusterArnOf } from '../cluster/mskArn';
import type { Change, ClusterRef, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import type { PrivateLink } from '../request/privateAccessSchema';
import { taskHandlerFactory } from '../taskHandler';
import { privateAccessDeps } from './clients';
import { consumerStatement, findStatement, mergeStatement } from './clusterPolicy';
import { policyStatementIdentity } from './identity';
import { editClusterPolicy } from './policyStore';
import type { PrivateAccessDeps } from './types';

export interface MergeClusterPolicyInput {
  request: { cluster: ClusterRef; privateLink: PrivateLink };
  journal: Journal;
}

/**
 * Merge Cluster Policy: adds (or keeps) the consumer account's statement, Sid `MskFlowsConsumer<account>`,
 * granting the multi-VPC actions; every other statement is kept byte-for-byte. Written with the
 * policy's CurrentVersion, merged again on a version conflict. Runs under the cluster lock.
 */
export async function mergeClusterPolicy(
  input: MergeClusterPolicyInput,
  deps: Pick<PrivateAccessDeps, 'kafka' | 'logger'>,
): Promise<Journal> {
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const statement = consumerStatement(clusterArn, input.request.privateLink.consumerAccountId);
  const sid = String(statement.Sid);
  const id = policyStatementIdentity({ clusterArn, sid }).id;
  if (
    input.journal.ledger.some(
      (e) => e.kind === 'cluster-policy-statement' && e.clusterArn === clusterArn && e.sid === sid,
    )
  ) {
    return input.journal; // written by an earlier attempt of this very Lambda
  }
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
    return appendToJournal(input.journal, [change]);
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
    input.journal,
    [change],
    [{ kind: 'cluster-policy-statement', clusterArn, sid, previous }],
  );
}

/** Builds the handler of the "Merge Cluster Policy" state over the deps given (local runs pass their own). */
export const createMergeClusterPolicyHandler = taskHandlerFactory(mergeClusterPolicy);

/** Lambda entry point of the "Merge Cluster Policy" state. */
export const handler = createMergeClusterPolicyHandler(privateAccessDeps);
