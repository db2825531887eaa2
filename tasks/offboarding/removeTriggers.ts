import { DeleteEventSourceMappingCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { DeleteSecretCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../onboarding/cluster/awsCall';
import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { privateAccessDeps } from '../onboarding/privateAccess/clients';
import { consumerAccountClients } from '../onboarding/privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../onboarding/privateAccess/types';
import { taskHandlerFactory } from '../onboarding/taskHandler';
import { findMapping } from '../onboarding/triggers/findMapping';
import { mappingTargetOf, type TriggerRequest } from '../onboarding/triggers/mappingTarget';
import { inConsumerAccount, secretCopyNameFor, TAG_PRINCIPAL } from '../onboarding/triggers/names';

export interface RemoveTriggersInput {
  request: TriggerRequest;
  journal: Journal;
}

async function removeMappings(request: TriggerRequest, deps: PrivateAccessDeps): Promise<Change[]> {
  const changes: Change[] = [];
  for (const trigger of request.triggers ?? []) {
    const id = `${trigger.functionArn} <- ${trigger.topics.join(',')}`;
    const target = await mappingTargetOf(trigger, request, deps, true);
    const mapping = await findMapping(target.lambda, trigger, target);
    if (!mapping?.UUID) {
      changes.push({ kind: 'event-source-mapping', id, action: 'none', detail: 'no mapping' });
      continue;
    }
    const uuid = mapping.UUID;
    const { Tags: tags = {} } = await awsCall('ListTags', uuid, () =>
      target.lambda.send(new ListTagsCommand({ Resource: mapping.EventSourceMappingArn })),
    );
    if (tags[TAG_PRINCIPAL] !== request.principal) {
      changes.push({
        kind: 'event-source-mapping',
        id,
        action: 'none',
        detail: `kept: ${uuid} not made by msk-flows for ${request.principal}`,
      });
      continue;
    }
    await awsCall('DeleteEventSourceMapping', uuid, () =>
      target.lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
    );
    changes.push({ kind: 'event-source-mapping', id, action: 'delete', detail: uuid });
  }
  return changes;
}

async function removeSecretCopy(request: TriggerRequest, deps: PrivateAccessDeps): Promise<Change[]> {
  const needed = (request.triggers ?? []).some((t) => inConsumerAccount(t, request.cluster));
  if (!needed || !request.privateLink || request.cluster.kind !== 'msk') return [];
  const consumer = await consumerAccountClients(
    request.cluster.arn,
    request.privateLink,
    request.requestId,
    deps,
  );
  const name = secretCopyNameFor(request.principal);
  const id = `${request.privateLink.consumerAccountId}/${name}`;
  let tags: Record<string, string | undefined>;
  try {
    const out = await consumer.secretsManager.send(new DescribeSecretCommand({ SecretId: name }));
    if (out.DeletedDate) return [{ kind: 'secret-copy', id, action: 'none', detail: 'already deleted' }];
    tags = Object.fromEntries((out.Tags ?? []).map((t) => [t.Key, t.Value]));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException')
      return [{ kind: 'secret-copy', id, action: 'none', detail: 'no copy' }];
    throw toAwsCallError('DescribeSecret', name, error);
  }
  if (tags[TAG_PRINCIPAL] !== request.principal)
    return [{ kind: 'secret-copy', id, action: 'none', detail: 'kept: not made by msk-flows' }];
  // Only a copy: the source secret in the cluster account keeps its own recovery window.
  await awsCall('DeleteSecret', name, () =>
    consumer.secretsManager.send(
      new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }),
    ),
  );
  return [{ kind: 'secret-copy', id, action: 'delete' }];
}

/**
 * Remove Triggers (offboarding): the request's event source mappings that msk-flows made for this principal
 * (tagged), then the principal's SCRAM secret copy in the consumer account. Anything else is kept.
 */
export async function removeTriggers(input: RemoveTriggersInput, deps: PrivateAccessDeps): Promise<Journal> {
  const mappings = await removeMappings(input.request, deps);
  const copy = await removeSecretCopy(input.request, deps);
  return appendToJournal(input.journal, [...mappings, ...copy]);
}

/** Builds the handler of the "Remove Triggers" state over the deps given (local runs pass their own). */
export const createRemoveTriggersHandler = taskHandlerFactory(removeTriggers);

/** Lambda entry point of the "Remove Triggers" state. */
export const handler = createRemoveTriggersHandler(privateAccessDeps);
