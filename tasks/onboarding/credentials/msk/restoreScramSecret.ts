import {
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { awsCall } from '../../cluster/awsCall';
import type { Change, Journal } from '../../contracts';
import { ScramSecretPendingDeletionError } from './errors';
import { assertEncryptedWith } from './kmsKey';
import { generateScramPassword } from './password';
import { type ScramSecretInfo, TAG_PRINCIPAL } from './secretState';
import type { MskCredentialsDeps } from './types';

/** Tag naming the execution that restored an offboarded secret, so a retried Lambda journals it again. */
export const TAG_RESTORED_BY = 'msk-flows:restored-by';

/** A secret an offboarding scheduled for deletion. */
export type PendingDeletionSecret = ScramSecretInfo & { deletedDate: Date };

export function isPendingDeletion(secret: ScramSecretInfo): secret is PendingDeletionSecret {
  return secret.deletedDate !== undefined;
}

/**
 * Throws unless onboarding may restore this secret: msk-flows made it for this very principal (its
 * `msk-flows:principal` tag), and it is under the platform key.
 */
export function assertRestorable(secret: PendingDeletionSecret, principal: string, kmsKeyArn: string): void {
  if (secret.tags[TAG_PRINCIPAL] !== principal) {
    throw new ScramSecretPendingDeletionError(secret.name, secret.deletedDate);
  }
  assertEncryptedWith(secret.name, secret.kmsKeyId, kmsKeyArn);
}

/** The change a restore makes, as Plan announces it and Ensure reports it. */
export function restoreChange(secretName: string): Change {
  return {
    kind: 'secret',
    id: secretName,
    action: 'update',
    detail: 'restored from an offboarding’s scheduled deletion, with a new password',
  };
}

export interface RestoreScramSecretInput {
  principal: string;
  executionName?: string;
}

/**
 * Re-onboarding within an offboarding's recovery window: RestoreSecret, then a NEW password (whoever
 * kept the old one must not get back in), then a tag naming this execution. Journaled as
 * `secret-restore`, which compensation undoes by scheduling the deletion again, not by destroying it.
 * A Lambda retried between RestoreSecret and the tag finds a live, untagged secret and adopts it as is.
 */
export async function restoreScramSecret(
  secret: PendingDeletionSecret,
  input: RestoreScramSecretInput,
  journal: Journal,
  kmsKeyArn: string,
  deps: Pick<MskCredentialsDeps, 'secretsManager' | 'logger'>,
): Promise<Journal> {
  assertRestorable(secret, input.principal, kmsKeyArn);
  await awsCall('RestoreSecret', secret.arn, () =>
    deps.secretsManager.send(new RestoreSecretCommand({ SecretId: secret.arn })),
  );
  const password = await generateScramPassword(deps.secretsManager);
  await awsCall('PutSecretValue', secret.arn, () =>
    deps.secretsManager.send(
      new PutSecretValueCommand({
        SecretId: secret.arn,
        SecretString: JSON.stringify({ username: input.principal, password }),
      }),
    ),
  );
  const { executionName } = input;
  if (executionName) {
    await awsCall('TagResource', secret.arn, () =>
      deps.secretsManager.send(
        new TagResourceCommand({
          SecretId: secret.arn,
          Tags: [{ Key: TAG_RESTORED_BY, Value: executionName }],
        }),
      ),
    );
  }
  deps.logger.info('SCRAM secret restored with a new password', {
    secretName: secret.name,
    secretArn: secret.arn,
  });
  return journalRestore(secret, journal);
}

/** The journal with this restore in the ledger (undone by scheduling the deletion again). */
export function journalRestore(secret: ScramSecretInfo, journal: Journal): Journal {
  return {
    ...journal,
    ledger: [...journal.ledger, { kind: 'secret-restore', secretArn: secret.arn, secretName: secret.name }],
    changes: [...journal.changes, restoreChange(secret.name)],
  };
}
