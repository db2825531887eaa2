import {
  DeleteClusterPolicyCommand,
  GetClusterPolicyCommand,
  type KafkaClient,
  PutClusterPolicyCommand,
} from '@aws-sdk/client-kafka';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { TaskLogger } from '../cluster/clients';
import { isVersionConflict } from './clusterInfo';
import { ClusterVersionConflictError } from './errors';

/** The cluster policy text and its version; `policy: null` when the cluster has none. */
export interface StoredPolicy {
  policy: string | null;
  version?: string;
}

/** Reads the cluster policy (GetClusterPolicy); none is `{ policy: null }`. */
export async function readClusterPolicy(kafka: KafkaClient, clusterArn: string): Promise<StoredPolicy> {
  try {
    const out = await kafka.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }));
    return out.Policy ? { policy: out.Policy, version: out.CurrentVersion } : { policy: null };
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return { policy: null };
    throw toAwsCallError('GetClusterPolicy', clusterArn, error);
  }
}

/** In-task attempts when another writer moves the policy's version between our read and our write. */
const POLICY_ATTEMPTS = 4;

/**
 * Read-modify-write of the cluster policy: `edit` gets the current text and returns the new one (null:
 * delete the policy; undefined: no change). PutClusterPolicy carries the CurrentVersion it read, so a
 * concurrent writer makes it fail and the edit is redone on the newer text. Returns what was read last.
 */
export async function editClusterPolicy(
  kafka: KafkaClient,
  clusterArn: string,
  edit: (policy: string | null) => string | null | undefined,
  logger: TaskLogger,
): Promise<{ before: string | null; after: string | null | undefined }> {
  for (let attempt = 1; ; attempt += 1) {
    const stored = await readClusterPolicy(kafka, clusterArn);
    const after = edit(stored.policy);
    if (after === undefined || after === stored.policy) return { before: stored.policy, after: undefined };
    try {
      if (after === null) {
        await awsCall('DeleteClusterPolicy', clusterArn, () =>
          kafka.send(new DeleteClusterPolicyCommand({ ClusterArn: clusterArn })),
        );
      } else {
        await kafka.send(
          new PutClusterPolicyCommand({
            ClusterArn: clusterArn,
            Policy: after,
            CurrentVersion: stored.version,
          }),
        );
      }
      return { before: stored.policy, after };
    } catch (error) {
      if (!isVersionConflict(error)) throw toAwsCallError('PutClusterPolicy', clusterArn, error);
      if (attempt >= POLICY_ATTEMPTS)
        throw new ClusterVersionConflictError(clusterArn, 'PutClusterPolicy', { cause: error });
      logger.info('cluster policy changed meanwhile; merging again', { clusterArn, attempt });
    }
  }
}
