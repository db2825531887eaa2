/**
 * What the guard rails know about the cluster, read in Plan Changes (clusterFacts.ts) and passed to the
 * pure checks, so the checks themselves are plain functions a property test can drive.
 */
export interface ClusterFacts {
  /** The workflow admin's SCRAM user (the admin secret's `username`); absent when it logs in with IAM. */
  adminUser?: string;
  /** The brokers' `super.users` (bare `User:` names) where the cluster exposes it; absent where not (MSK). */
  superUsers?: string[];
  /** The brokers' `message.max.bytes`: the largest record batch they accept. */
  messageMaxBytes?: number;
  /** The brokers' `default.replication.factor`: a topic's replication factor when the request gives none. */
  defaultReplicationFactor?: number;
  /** How many brokers the cluster has (a replication factor above it cannot be placed). */
  brokerCount?: number;
  /** The replication factor of each requested topic that already exists. */
  existingReplicationFactors: Record<string, number>;
}

/** Facts that bound nothing: what the pure checks see when the cluster told us nothing. */
export const NO_FACTS: ClusterFacts = { existingReplicationFactors: {} };
