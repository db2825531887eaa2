import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  type KafkaClient,
  ListScramSecretsCommand,
  type UnprocessedScramSecret,
} from '@aws-sdk/client-kafka';
import { awsCall } from '../../cluster/awsCall';

/** BatchAssociateScramSecret / BatchDisassociateScramSecret take at most 10 secret ARNs per call. */
export const MAX_SECRETS_PER_BATCH = 10;

/** Every secret ARN associated with the cluster (ListScramSecrets, all pages). */
export async function listAssociatedSecretArns(clusterArn: string, kafka: KafkaClient): Promise<Set<string>> {
  const arns = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListScramSecrets', clusterArn, () =>
      kafka.send(
        new ListScramSecretsCommand({ ClusterArn: clusterArn, MaxResults: 100, NextToken: nextToken }),
      ),
    );
    for (const arn of page.SecretArnList ?? []) arns.add(arn);
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return arns;
}

/**
 * Associates or disassociates exactly the given secrets, 10 per call, and returns every per-secret
 * failure: MSK reports those in `UnprocessedScramSecrets` of an HTTP 200, not as an exception.
 * Association only adds: other secrets associated with the cluster are left as they are.
 */
export async function batchScramSecrets(
  operation: 'associate' | 'disassociate',
  clusterArn: string,
  secretArns: readonly string[],
  kafka: KafkaClient,
): Promise<UnprocessedScramSecret[]> {
  const unprocessed: UnprocessedScramSecret[] = [];
  for (let start = 0; start < secretArns.length; start += MAX_SECRETS_PER_BATCH) {
    const input = {
      ClusterArn: clusterArn,
      SecretArnList: secretArns.slice(start, start + MAX_SECRETS_PER_BATCH),
    };
    const out =
      operation === 'associate'
        ? await awsCall('BatchAssociateScramSecret', clusterArn, () =>
            kafka.send(new BatchAssociateScramSecretCommand(input)),
          )
        : await awsCall('BatchDisassociateScramSecret', clusterArn, () =>
            kafka.send(new BatchDisassociateScramSecretCommand(input)),
          );
    unprocessed.push(...(out.UnprocessedScramSecrets ?? []));
  }
  return unprocessed;
}

/** The Change id of a secret's association with a cluster. */
export function associationId(secretName: string, clusterArn: string): string {
  return `${secretName} -> ${clusterArn}`;
}
