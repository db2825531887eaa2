import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import type { Change, LedgerEntry } from '../../contracts';
import type { RegistryOwner } from '../../registry/types';
import type { AwsSideUndo } from '../../registry/undoAwsSide';
import { secretNameOfArn } from '../../request/arns';
import { associationId, batchScramSecrets, listAssociatedSecretArns } from './associations';
import { ScramSecretAssociationError } from './errors';
import {
  describeScramSecret,
  OFFBOARDING_RECOVERY_WINDOW_DAYS,
  TAG_PRINCIPAL,
  TAG_REQUEST_ID,
} from './secretState';
import type { MskCredentialsDeps } from './types';

type SecretEntry = Extract<LedgerEntry, { kind: 'secret' }>;
type RestoreEntry = Extract<LedgerEntry, { kind: 'secret-restore' }>;
type AssociationEntry = Extract<LedgerEntry, { kind: 'scram-association' }>;

/**
 * Compensation: deletes a secret THIS execution created, at once (ForceDeleteWithoutRecovery), so a
 * rerun can create `AmazonMSK_<principal>` again instead of hitting "scheduled for deletion".
 * Deleting by ARN (with its random suffix) can only hit that very secret. Already gone → 'none'.
 */
export async function undoSecret(
  entry: SecretEntry,
  deps: Pick<MskCredentialsDeps, 'secretsManager' | 'logger'>,
): Promise<Change> {
  try {
    await deps.secretsManager.send(
      new DeleteSecretCommand({ SecretId: entry.secretArn, ForceDeleteWithoutRecovery: true }),
    );
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') {
      return { kind: 'secret', id: entry.secretName, action: 'none', detail: 'already deleted' };
    }
    throw toAwsCallError('DeleteSecret', entry.secretArn, error);
  }
  deps.logger.info('SCRAM secret deleted (compensation)', {
    secretName: entry.secretName,
    secretArn: entry.secretArn,
  });
  return {
    kind: 'secret',
    id: entry.secretName,
    action: 'delete',
    detail: 'deleted without recovery (created by this execution)',
  };
}

/**
 * Compensation of a restore: schedules the secret's deletion again with the offboarding's recovery
 * window, putting it back where this execution found it (deleted, still recoverable). Already
 * scheduled or gone → 'none'.
 */
export async function undoSecretRestore(
  entry: RestoreEntry,
  deps: Pick<MskCredentialsDeps, 'secretsManager' | 'logger'>,
): Promise<Change> {
  const secret = await describeScramSecret(entry.secretArn, deps.secretsManager);
  if (!secret || secret.deletedDate) {
    return { kind: 'secret', id: entry.secretName, action: 'none', detail: 'already scheduled for deletion' };
  }
  await awsCall('DeleteSecret', entry.secretArn, () =>
    deps.secretsManager.send(
      new DeleteSecretCommand({
        SecretId: entry.secretArn,
        RecoveryWindowInDays: OFFBOARDING_RECOVERY_WINDOW_DAYS,
      }),
    ),
  );
  deps.logger.info('SCRAM secret scheduled for deletion again (compensation)', {
    secretName: entry.secretName,
    secretArn: entry.secretArn,
  });
  return {
    kind: 'secret',
    id: entry.secretName,
    action: 'delete',
    detail: `scheduled for deletion again, recoverable for ${OFFBOARDING_RECOVERY_WINDOW_DAYS} days`,
  };
}

/** Compensation: disassociates exactly this secret from the cluster; not associated (any more) counts as done. */
export async function undoScramAssociation(
  entry: AssociationEntry,
  deps: Pick<MskCredentialsDeps, 'kafka' | 'logger'>,
): Promise<Change> {
  const id = associationId(secretNameOfArn(entry.secretArn), entry.clusterArn);
  const done = await disassociateScramSecret(entry.clusterArn, entry.secretArn, deps);
  if (done)
    deps.logger.info('SCRAM secret disassociated', {
      secretArn: entry.secretArn,
      clusterArn: entry.clusterArn,
    });
  return {
    kind: 'scram-association',
    id,
    action: done ? 'delete' : 'none',
    detail: done ? undefined : 'not associated',
  };
}

/**
 * Disassociates one secret (only it) if associated; true when a disassociation happened. A per-secret
 * failure whose secret is still associated afterwards is a ScramSecretAssociationError.
 */
export async function disassociateScramSecret(
  clusterArn: string,
  secretArn: string,
  deps: Pick<MskCredentialsDeps, 'kafka'>,
): Promise<boolean> {
  if (!(await listAssociatedSecretArns(clusterArn, deps.kafka)).has(secretArn)) return false;
  const [failure] = await batchScramSecrets('disassociate', clusterArn, [secretArn], deps.kafka);
  if (failure && (await listAssociatedSecretArns(clusterArn, deps.kafka)).has(secretArn)) {
    throw new ScramSecretAssociationError(
      'disassociate',
      secretArn,
      clusterArn,
      failure.ErrorCode,
      failure.ErrorMessage,
    );
  }
  return true;
}

/**
 * Compensation of a secret whose creation is uncertain (a registry intent written before CreateSecret
 * answered, so no ARN): looked up by name and deleted at once when its tags say `owner`'s request made it
 * for `owner`'s principal; absent → 'none'; anything else is not this claim's doing and is left alone.
 */
export async function undoUncertainSecret(
  entry: SecretEntry,
  owner: RegistryOwner,
  deps: Pick<MskCredentialsDeps, 'secretsManager' | 'logger'>,
): Promise<Change> {
  const secret = await describeScramSecret(entry.secretName, deps.secretsManager);
  const none = (detail: string): Change => ({ kind: 'secret', id: entry.secretName, action: 'none', detail });
  if (!secret) return none('never created');
  if (secret.tags[TAG_REQUEST_ID] !== owner.requestId || secret.tags[TAG_PRINCIPAL] !== owner.principal)
    return none('not created by this request; kept');
  if (secret.deletedDate) return none('already scheduled for deletion');
  return undoSecret({ ...entry, secretArn: secret.arn }, deps);
}

/** The MSK credential kinds the registry holds, in the order compensation undoes them. */
export const MSK_CREDENTIAL_UNDO_ORDER = ['scram-association', 'secret-restore', 'secret'] as const;

/** Undoes one MSK credential entry, from the ledger or the registry (`owner`: who made it). */
export function undoMskCredentialEntry(
  entry: LedgerEntry,
  owner: RegistryOwner,
  deps: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger'>,
): Promise<Change> {
  switch (entry.kind) {
    case 'secret':
      return entry.secretArn ? undoSecret(entry, deps) : undoUncertainSecret(entry, owner, deps);
    case 'secret-restore':
      return undoSecretRestore(entry, deps);
    case 'scram-association':
      return undoScramAssociation(entry, deps);
    default:
      throw new Error(`${entry.kind} is not an MSK credential`);
  }
}

/** Compensation of MSK secrets and associations from the ledger and the ownership registry. */
export function mskCredentialUndo(
  deps: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger'>,
): AwsSideUndo {
  return {
    order: MSK_CREDENTIAL_UNDO_ORDER,
    undo: (entry, owner) => undoMskCredentialEntry(entry, owner, deps),
  };
}
