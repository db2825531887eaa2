import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../../cluster/awsCall';
import { ScramSecretContentError, ScramSecretPendingDeletionError } from './errors';
import { assertEncryptedWith } from './kmsKey';

/** Tags our secrets carry: who asked, for whom, and (optionally) which execution created it. */
export const TAG_REQUEST_ID = 'msk-flows:requestId';
export const TAG_PRINCIPAL = 'msk-flows:principal';
export const TAG_EXECUTION = 'msk-flows:execution';

/**
 * Offboarding deletes with a recovery window, unlike compensation: the secret may have served the
 * principal for months (another cluster may share it), so a mistaken offboarding can be undone with
 * RestoreSecret for 7 days, the shortest window Secrets Manager allows; re-onboarding restores it.
 */
export const OFFBOARDING_RECOVERY_WINDOW_DAYS = 7;

/** What DescribeSecret tells about an existing SCRAM secret (never its value). */
export interface ScramSecretInfo {
  arn: string;
  name: string;
  /** Absent when the secret uses the default `aws/secretsmanager` key. */
  kmsKeyId?: string;
  deletedDate?: Date;
  tags: Record<string, string>;
}

/** DescribeSecret by name; undefined when no such secret exists. */
export async function describeScramSecret(
  secretName: string,
  secretsManager: SecretsManagerClient,
): Promise<ScramSecretInfo | undefined> {
  try {
    const out = await secretsManager.send(new DescribeSecretCommand({ SecretId: secretName }));
    const tags = Object.fromEntries((out.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
    return {
      arn: out.ARN ?? '',
      name: out.Name ?? secretName,
      kmsKeyId: out.KmsKeyId,
      deletedDate: out.DeletedDate,
      tags,
    };
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
    throw toAwsCallError('DescribeSecret', secretName, error);
  }
}

/** Throws unless the existing secret can serve MSK as is: not pending deletion, encrypted with the platform key. */
export function assertUsableScramSecret(secret: ScramSecretInfo, kmsKeyArn: string): void {
  if (secret.deletedDate) throw new ScramSecretPendingDeletionError(secret.name, secret.deletedDate);
  assertEncryptedWith(secret.name, secret.kmsKeyId, kmsKeyArn);
}

/** Throws ScramSecretContentError unless the secret's JSON names `principal` as username; the value never leaves. */
export async function assertHoldsUsername(
  secret: ScramSecretInfo,
  principal: string,
  secretsManager: SecretsManagerClient,
): Promise<void> {
  const out = await awsCall('GetSecretValue', secret.arn, () =>
    secretsManager.send(new GetSecretValueCommand({ SecretId: secret.arn })),
  );
  let username: unknown;
  try {
    username = (JSON.parse(out.SecretString ?? '') as { username?: unknown } | null)?.username;
  } catch {
    // Dropped on purpose: V8's JSON.parse message quotes the text it failed on, i.e. the secret.
    username = undefined;
  }
  if (username !== principal) throw new ScramSecretContentError(secret.name, principal);
}
