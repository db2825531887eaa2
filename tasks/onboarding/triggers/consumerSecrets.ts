import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ConsumerRoleRef } from '../contracts';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';

/** The consumer account's Secrets Manager through its role (`requestId` names the session). */
export async function secretsOf(
  consumer: ConsumerRoleRef,
  requestId: string,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients'>,
): Promise<SecretsManagerClient> {
  return (await consumerAccountClients(consumer.clusterArn, consumer, requestId, deps)).secretsManager;
}
