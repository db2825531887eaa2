import {
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { awsCall } from '../onboarding/cluster/awsCall';
import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import type { PrivateAccessDeps } from '../onboarding/privateAccess/types';
import { identityKey } from '../onboarding/registry/fold';
import type { RegistryIdentity } from '../onboarding/registry/types';
import { taskHandlerFactory } from '../onboarding/taskHandler';
// The handler's deps: the private access clients with the registry (the handler line names them so).
import { triggerRegistryDeps as privateAccessDeps } from '../onboarding/triggers/clients';
import { findMapping } from '../onboarding/triggers/findMapping';
import { eventSourceMappingIdentity } from '../onboarding/triggers/identity';
import { coordinatesOf, findMappingAt, lambdaOfEntry } from '../onboarding/triggers/mappingCoordinates';
import { mappingTags } from '../onboarding/triggers/mappingTags';
import { mappingTargetOf, type TriggerRequest } from '../onboarding/triggers/mappingTarget';
import { TAG_PRINCIPAL } from '../onboarding/triggers/names';
import {
  type TriggerDeps,
  type TriggerRegistry,
  withTriggerRegistry,
} from '../onboarding/triggers/registryClaims';
import { releaseOwned } from './releaseOwned';
import { removeRecordedCopies, removeRequestCopy } from './removeSecretCopies';

export interface RemoveTriggersInput {
  request: TriggerRequest;
  journal: Journal;
}

/** Deletes the mapping when its tags say msk-flows made it for `principal`; the change either way. */
async function removeIfOurs(
  lambda: LambdaClient,
  mapping: EventSourceMappingConfiguration & { UUID: string },
  id: string,
  principal: string,
): Promise<Change> {
  const uuid = mapping.UUID;
  const tags = await mappingTags(lambda, mapping);
  if (tags[TAG_PRINCIPAL] !== principal) {
    return {
      kind: 'event-source-mapping',
      id,
      action: 'none',
      detail: `kept: ${uuid} not made by msk-flows for ${principal}`,
    };
  }
  await awsCall('DeleteEventSourceMapping', uuid, () =>
    lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })),
  );
  return { kind: 'event-source-mapping', id, action: 'delete', detail: uuid };
}

/** The request's mappings, found by their coordinates; the registry identities of those gone. */
async function removeMappings(
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<{ changes: Change[]; gone: RegistryIdentity[] }> {
  const changes: Change[] = [];
  const gone: RegistryIdentity[] = [];
  for (const trigger of request.triggers ?? []) {
    const id = `${trigger.functionArn} <- ${trigger.topics.join(',')}`;
    const target = await mappingTargetOf(trigger, request, deps, true);
    const identity = eventSourceMappingIdentity({ ...coordinatesOf(trigger, target), uuid: '' });
    const mapping = await findMapping(target.lambda, trigger, target);
    if (!mapping?.UUID) {
      changes.push({ kind: 'event-source-mapping', id, action: 'none', detail: 'no mapping' });
      gone.push(identity);
      continue;
    }
    const change = await removeIfOurs(
      target.lambda,
      { ...mapping, UUID: mapping.UUID },
      id,
      request.principal,
    );
    changes.push(change);
    if (change.action === 'delete') gone.push(identity);
  }
  return { changes, gone };
}

/**
 * The mappings the registry shows the principal holding that the request does not list (made by an
 * earlier request): found by their recorded coordinates, in their account, and removed the same way.
 */
async function removeRecordedMappings(
  reg: TriggerRegistry,
  principal: string,
  handled: ReadonlySet<string>,
  deps: PrivateAccessDeps,
): Promise<{ changes: Change[]; gone: RegistryIdentity[] }> {
  const changes: Change[] = [];
  const gone: RegistryIdentity[] = [];
  for (const { identity, owner } of reg.view.values()) {
    const entry = owner?.record.entry;
    if (!owner?.live || owner.principal !== principal || handled.has(identityKey(identity))) continue;
    if (entry?.kind !== 'event-source-mapping' || !entry.source || !entry.topics) continue;
    const lambda = await lambdaOfEntry(entry, owner.record.owner.requestId, deps);
    const coords = { functionArn: entry.functionArn, source: entry.source, topics: entry.topics };
    const mapping = await findMappingAt(lambda, coords);
    const change = mapping?.UUID
      ? await removeIfOurs(lambda, { ...mapping, UUID: mapping.UUID }, identity.id, principal)
      : ({ kind: 'event-source-mapping', id: identity.id, action: 'none', detail: 'no mapping' } as Change);
    changes.push(change);
    if (change.action !== 'none' || !mapping?.UUID) gone.push(identity);
  }
  return { changes, gone };
}

/**
 * Remove Triggers (offboarding): the request's event source mappings and those the ownership registry shows
 * the principal holding (found by their coordinates), each deleted only when msk-flows made it for this
 * principal (tagged) and released in the registry; then the principal's SCRAM secret copies in consumer
 * accounts (the request's, and those the registry shows), the same way. Anything else is kept.
 */
export async function removeTriggers(input: RemoveTriggersInput, deps: TriggerDeps): Promise<Journal> {
  const { request } = input;
  const changes = await withTriggerRegistry(request, deps, 'removeTriggers', async (reg) => {
    const listed = await removeMappings(request, deps);
    const recorded = reg
      ? await removeRecordedMappings(reg, request.principal, new Set(listed.gone.map(identityKey)), deps)
      : { changes: [], gone: [] };
    // The copy after the mappings that authenticate with it.
    const copy = await removeRequestCopy(request, deps);
    const copies = reg
      ? await removeRecordedCopies(reg, request.principal, new Set(copy.gone.map(identityKey)), deps)
      : { changes: [], gone: [] };
    const gone = [...listed.gone, ...recorded.gone, ...copy.gone, ...copies.gone];
    if (reg) await releaseOwned(reg.registry, reg.view, request.principal, gone);
    return [...listed.changes, ...recorded.changes, ...copy.changes, ...copies.changes];
  });
  return appendToJournal(input.journal, changes);
}

/** Builds the handler of the "Remove Triggers" state over the deps given (local runs pass their own). */
export const createRemoveTriggersHandler = taskHandlerFactory(removeTriggers);

/** Lambda entry point of the "Remove Triggers" state. */
export const handler = createRemoveTriggersHandler(privateAccessDeps);
