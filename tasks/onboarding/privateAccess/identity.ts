import type { PrivateAccessLedgerEntry } from '../contracts';

/**
 * Stable registry identities of what private access creates: `kind` plus an `id` that names the one
 * resource whatever execution made it, so the ownership registry can key its records on them.
 */
export interface RegistryIdentity {
  kind: string;
  id: string;
}

/** Multi-VPC SASL/SCRAM connectivity of a cluster: one per cluster. */
export const connectivityIdentity = (e: { clusterArn: string }): RegistryIdentity => ({
  kind: 'multi-vpc-connectivity',
  id: `${e.clusterArn}#vpc-connectivity-sasl-scram`,
});

/** A statement of a cluster policy, by its Sid (ours: one per consumer account). */
export const policyStatementIdentity = (e: { clusterArn: string; sid: string }): RegistryIdentity => ({
  kind: 'cluster-policy-statement',
  id: `${e.clusterArn}#${e.sid}`,
});

/**
 * A managed VPC connection. By where it sits (`<consumer account>/<vpc> -> <cluster ARN>`: one SASL/SCRAM
 * connection per consumer VPC and cluster) when the entry names its VPC: a registry intent is written
 * before CreateVpcConnection answers, so the ARN is not known yet. An older entry is named by its ARN.
 */
export const vpcConnectionIdentity = (e: {
  vpcConnectionArn: string;
  clusterArn?: string;
  consumerAccountId?: string;
  vpcId?: string;
}): RegistryIdentity =>
  e.vpcId && e.clusterArn && e.consumerAccountId
    ? { kind: 'vpc-connection', id: `${e.consumerAccountId}/${e.vpcId} -> ${e.clusterArn}` }
    : { kind: 'vpc-connection', id: e.vpcConnectionArn };

/**
 * One principal's use of a shared thing (the policy statement, a VPC connection, connectivity): keyed by
 * the thing and the principal, so each principal holds its own record and compaction keeps each user's latest.
 */
export const useIdentity = (thing: RegistryIdentity, principal: string): RegistryIdentity => ({
  kind: thing.kind,
  id: `${thing.id} used by ${principal}`,
});

/** The per-cluster lock (an in-flight coordination record, not a resource to own). */
export const clusterLockIdentity = (e: { clusterArn: string }): RegistryIdentity => ({
  kind: 'cluster-lock',
  id: e.clusterArn,
});

/** The registry identity of any private access ledger entry. */
export function privateAccessIdentityOf(entry: PrivateAccessLedgerEntry): RegistryIdentity {
  switch (entry.kind) {
    case 'multi-vpc-connectivity':
      return connectivityIdentity(entry);
    case 'cluster-policy-statement':
      return policyStatementIdentity(entry);
    case 'vpc-connection':
      return vpcConnectionIdentity(entry);
    case 'cluster-lock':
      return clusterLockIdentity(entry);
  }
}
