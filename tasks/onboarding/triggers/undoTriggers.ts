import {
  DeleteEventSourceMappingCommand,
  type LambdaClient,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  DeleteSecretCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { Change, TriggerLedgerEntry } from '../contracts';
import { consumerAccountClients } from '../privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../privateAccess/types';
import { secretsOf } from './consumerSecrets';
import { lambdaFor } from './lambdaFor';
import { lambdaOfEntry } from './mappingCoordinates';
import type { TriggerRequest } from './mappingTarget';

type Entry<K extends TriggerLedgerEntry['kind']> = Extract<TriggerLedgerEntry, { kind: K }>;

/**
 * Compensation of the secret copy: a copy this execution created is deleted at once (the source secret
 * stays); an updated one gets its previous version back as AWSCURRENT. Reached through the entry's
 * consumer role, or the request's privateLink for an entry without one.
 */
export async function undoSecretCopy(
  entry: Entry<'secret-copy'>,
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<Change> {
  if (entry.consumer)
    return undoSecretCopyWith(await secretsOf(entry.consumer, request.requestId, deps), entry);
  if (request.cluster.kind !== 'msk' || !request.privateLink)
    return { kind: 'secret-copy', id: entry.secretArn, action: 'none', detail: 'no privateLink to reach it' };
  const consumer = await consumerAccountClients(
    request.cluster.arn,
    request.privateLink,
    request.requestId,
    deps,
  );
  return undoSecretCopyWith(consumer.secretsManager, entry);
}

/** Undoes a secret copy entry that names its ARN, with the consumer account's Secrets Manager. */
export async function undoSecretCopyWith(
  secretsManager: SecretsManagerClient,
  entry: Entry<'secret-copy'>,
): Promise<Change> {
  const id = entry.secretArn;
  if (entry.previousVersionId) {
    await awsCall('UpdateSecretVersionStage', id, () =>
      secretsManager.send(
        new UpdateSecretVersionStageCommand({
          SecretId: id,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: entry.previousVersionId,
          RemoveFromVersionId: entry.versionId,
        }),
      ),
    );
    return { kind: 'secret-copy', id, action: 'update', detail: 'previous version current again' };
  }
  try {
    await secretsManager.send(new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException')
      return { kind: 'secret-copy', id, action: 'none', detail: 'already deleted' };
    throw toAwsCallError('DeleteSecret', id, error);
  }
  return {
    kind: 'secret-copy',
    id,
    action: 'delete',
    detail: 'deleted without recovery (created by this execution)',
  };
}

/** Compensation of a mapping: one this execution created is deleted; an updated one gets its settings back. */
export async function undoEventSourceMapping(
  entry: Entry<'event-source-mapping'>,
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<Change> {
  const lambda = entry.consumer
    ? await lambdaOfEntry(entry, request.requestId, deps)
    : await lambdaFor(entry.functionArn, request, deps);
  return undoMappingWith(lambda, entry);
}

/** Undoes a mapping entry that names its UUID, with the Lambda client of the mapping's account. */
export async function undoMappingWith(
  lambda: LambdaClient,
  entry: Entry<'event-source-mapping'>,
): Promise<Change> {
  const id = entry.uuid;
  try {
    if (entry.previous) {
      const p = entry.previous;
      await lambda.send(
        new UpdateEventSourceMappingCommand({
          UUID: entry.uuid,
          BatchSize: p.batchSize,
          MaximumBatchingWindowInSeconds: p.batchingWindowSeconds,
          DestinationConfig: { OnFailure: { Destination: p.onFailureDestinationArn ?? '' } },
        }),
      );
      return { kind: 'event-source-mapping', id, action: 'update', detail: 'previous settings back' };
    }
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: entry.uuid }));
    return { kind: 'event-source-mapping', id, action: 'delete' };
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException')
      return { kind: 'event-source-mapping', id, action: 'none', detail: 'already gone' };
    throw toAwsCallError(entry.previous ? 'UpdateEventSourceMapping' : 'DeleteEventSourceMapping', id, error);
  }
}

/** Compensation of any trigger ledger entry. */
export function undoTriggerEntry(
  entry: TriggerLedgerEntry,
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<Change> {
  return entry.kind === 'secret-copy'
    ? undoSecretCopy(entry, request, deps)
    : undoEventSourceMapping(entry, request, deps);
}
