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

/** A managed VPC connection, by its ARN (in the consumer account). */
export const vpcConnectionIdentity = (e: { vpcConnectionArn: string }): RegistryIdentity => ({
  kind: 'vpc-connection',
  id: e.vpcConnectionArn,
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
