import { DeleteEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { DescribeSecretCommand, type DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import { awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { Change, LedgerEntry, TriggerLedgerEntry } from '../contracts';
import type { PrivateAccessDeps } from '../privateAccess/types';
import type { RegistryOwner } from '../registry/types';
import type { AwsSideUndo } from '../registry/undoAwsSide';
import { secretsOf } from './consumerSecrets';
import { eventSourceMappingIdentity, secretCopyIdentity } from './identity';
import { findMappingAt, lambdaOfEntry } from './mappingCoordinates';
import { madeByRequest } from './mappingTags';
import { TAG_PRINCIPAL, TAG_REQUEST_ID } from './names';
import { undoMappingWith, undoSecretCopyWith } from './undoTriggers';

type MappingEntry = Extract<TriggerLedgerEntry, { kind: 'event-source-mapping' }>;
type CopyEntry = Extract<TriggerLedgerEntry, { kind: 'secret-copy' }>;

/** The trigger kinds the registry holds, in the order compensation undoes them. */
export const TRIGGER_UNDO_ORDER = ['event-source-mapping', 'secret-copy'] as const;

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

/**
 * Compensation of a secret copy whose creation is uncertain (an intent written before CreateSecret
 * answered, so no ARN): looked up by name in the consumer account and deleted at once when its tags say
 * `owner`'s request made it for `owner`'s principal; absent → 'none'; anything else is left alone.
 */
async function undoUncertainCopy(
  entry: CopyEntry,
  owner: RegistryOwner,
  deps: Pick<PrivateAccessDeps, 'sts' | 'consumerClients'>,
): Promise<Change> {
  const { id } = secretCopyIdentity(entry);
  const none = (detail: string): Change => ({ kind: 'secret-copy', id, action: 'none', detail });
  if (!entry.consumer) return none('no consumer role to reach it');
  const secretsManager = await secretsOf(entry.consumer, owner.requestId, deps);
  let described: DescribeSecretCommandOutput;
  try {
    described = await secretsManager.send(new DescribeSecretCommand({ SecretId: entry.secretName }));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return none('never created');
    throw toAwsCallError('DescribeSecret', entry.secretName, error);
  }
  const tags = Object.fromEntries((described.Tags ?? []).map((t) => [t.Key, t.Value]));
  if (tags[TAG_PRINCIPAL] !== owner.principal || tags[TAG_REQUEST_ID] !== owner.requestId)
    return none('not created by this request; kept');
  if (described.DeletedDate) return none('already scheduled for deletion');
  return undoSecretCopyWith(secretsManager, { ...entry, secretArn: described.ARN ?? entry.secretName });
}

/** Undoes one trigger entry from the registry alone (`owner`: who made it; its request names the role session). */
export async function undoRecordedTrigger(
  entry: LedgerEntry,
  owner: RegistryOwner,
  deps: PrivateAccessDeps,
): Promise<Change> {
  switch (entry.kind) {
    case 'event-source-mapping':
      if (!entry.uuid) return undoUncertainMapping(entry, owner, deps);
      return undoMappingWith(await lambdaOfEntry(entry, owner.requestId, deps), entry);
    case 'secret-copy':
      if (!entry.secretArn || !entry.consumer) return undoUncertainCopy(entry, owner, deps);
      return undoSecretCopyWith(await secretsOf(entry.consumer, owner.requestId, deps), entry);
    default:
      throw new Error(`${entry.kind} is not a recorded trigger`);
  }
}

/** Compensation of event source mappings and secret copies from the ledger and the ownership registry. */
export function triggerUndo(deps: PrivateAccessDeps): AwsSideUndo {
  return { order: TRIGGER_UNDO_ORDER, undo: (entry, owner) => undoRecordedTrigger(entry, owner, deps) };
}
