import { DeleteEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { Change, LedgerEntry, TriggerLedgerEntry } from '../contracts';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { RegistryOwner } from '../registry/types';
import type { AwsSideUndo } from '../registry/undoAwsSide';
import { eventSourceMappingIdentity } from './identity';
import { findMappingAt, lambdaOfEntry } from './mappingCoordinates';
import { madeByRequest } from './mappingTags';
import { undoMappingWith } from './undoTriggers';

type MappingEntry = Extract<TriggerLedgerEntry, { kind: 'event-source-mapping' }>;

/** The trigger kinds the registry holds, in the order compensation undoes them. */
export const TRIGGER_UNDO_ORDER = ['event-source-mapping'] as const;

/**
 * Compensation of a mapping whose creation is uncertain (a registry intent written before
 * CreateEventSourceMapping answered, so no UUID): found by its coordinates and deleted when its tags say
 * `owner`'s request made it for `owner`'s principal; absent → 'none'; any other mapping there is not this
 * claim's doing and is left alone.
 */
async function undoUncertainMapping(
  entry: MappingEntry,
  owner: RegistryOwner,
  deps: Pick<PrivateAccessDeps, 'lambda' | 'sts' | 'consumerClients' | 'logger'>,
): Promise<Change> {
  const { id } = eventSourceMappingIdentity(entry);
  const none = (detail: string): Change => ({ kind: 'event-source-mapping', id, action: 'none', detail });
  if (!entry.source || !entry.topics) return none('no coordinates to find it by');
  const lambda = await lambdaOfEntry(entry, owner.requestId, deps);
  const coords = { functionArn: entry.functionArn, source: entry.source, topics: entry.topics };
  const mapping = await findMappingAt(lambda, coords);
  if (!mapping?.UUID) return none('never created');
  if (!(await madeByRequest(lambda, mapping, owner))) return none('not created by this request; kept');
  try {
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return none('already gone');
    throw toAwsCallError('DeleteEventSourceMapping', mapping.UUID, error);
  }
  deps.logger.info('event source mapping deleted (compensation)', {
    functionArn: entry.functionArn,
    uuid: mapping.UUID,
  });
  return {
    kind: 'event-source-mapping',
    id: mapping.UUID,
    action: 'delete',
    detail: 'found by its coordinates',
  };
}

/** Undoes one trigger entry from the registry alone (`owner`: who made it; its request names the role session). */
export async function undoRecordedTrigger(
  entry: LedgerEntry,
  owner: RegistryOwner,
  deps: PrivateAccessDeps,
): Promise<Change> {
  if (entry.kind !== 'event-source-mapping') throw new Error(`${entry.kind} is not a recorded trigger`);
  if (!entry.uuid) return undoUncertainMapping(entry, owner, deps);
  return undoMappingWith(await lambdaOfEntry(entry, owner.requestId, deps), entry);
}

/** Compensation of event source mappings from the ledger and the ownership registry. */
export function triggerUndo(deps: PrivateAccessDeps): AwsSideUndo {
  return { order: TRIGGER_UNDO_ORDER, undo: (entry, owner) => undoRecordedTrigger(entry, owner, deps) };
}
