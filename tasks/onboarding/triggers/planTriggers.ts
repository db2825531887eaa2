import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { Change } from '../contracts';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { secretNameFor } from '../request/names';
import { ConsumerGroupImmutableError } from './errors';
import { findMapping } from './findMapping';
import { groupOf, settingsDiff, settingsOf, settingsOfTrigger } from './mappingSpec';
import { mappingTargetOf, type TriggerRequest } from './mappingTarget';
import { inConsumerAccount, secretCopyNameFor } from './names';

async function secretStringOf(sm: SecretsManagerClient, id: string): Promise<string | undefined> {
  try {
    return (await sm.send(new GetSecretValueCommand({ SecretId: id }))).SecretString;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw toAwsCallError('GetSecretValue', id, error);
  }
}

async function planSecretCopy(request: TriggerRequest, deps: PrivateAccessDeps): Promise<Change[]> {
  const needed = (request.triggers ?? []).some((t) => inConsumerAccount(t, request.cluster));
  if (!needed || !request.privateLink || request.cluster.kind !== 'msk') return [];
  const consumer = await consumerAccountClients(
    request.cluster.arn,
    request.privateLink,
    request.requestId,
    deps,
  );
  const name = secretCopyNameFor(request.principal);
  const copy = await secretStringOf(consumer.secretsManager, name);
  const source = await secretStringOf(deps.secretsManager, secretNameFor(request.principal));
  const action = copy === undefined ? 'create' : copy === source ? 'none' : 'update';
  return [{ kind: 'secret-copy', id: `${request.privateLink.consumerAccountId}/${name}`, action }];
}

/** What the trigger steps would change: the consumer account's secret copy, then each mapping. Read-only. */
export async function planTriggers(request: TriggerRequest, deps: PrivateAccessDeps): Promise<Change[]> {
  if (!request.triggers?.length) return [];
  const changes = await planSecretCopy(request, deps);
  for (const trigger of request.triggers) {
    const id = `${trigger.functionArn} <- ${trigger.topics.join(',')}`;
    const target = await mappingTargetOf(trigger, request, deps, true);
    const existing = await findMapping(target.lambda, trigger, target);
    if (!existing?.UUID) {
      changes.push({
        kind: 'event-source-mapping',
        id,
        action: 'create',
        detail: `group ${trigger.group}, ${trigger.source}`,
      });
      continue;
    }
    const group = groupOf(existing);
    if (group !== undefined && group !== trigger.group)
      throw new ConsumerGroupImmutableError(trigger.functionArn, existing.UUID, group, trigger.group);
    const diff = settingsDiff(settingsOf(existing), settingsOfTrigger(trigger));
    changes.push({
      kind: 'event-source-mapping',
      id,
      action: diff.length ? 'update' : 'none',
      detail: diff.join(', ') || undefined,
    });
  }
  return changes;
}
