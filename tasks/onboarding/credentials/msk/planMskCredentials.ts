import { mskClusterArnOf } from '../../cluster/mskArn';
import type { Change } from '../../contracts';
import { secretNameFor } from '../../request/names';
import { associationId, listAssociatedSecretArns } from './associations';
import { platformKmsKeyArn } from './kmsKey';
import { assertRestorable, isPendingDeletion, restoreChange } from './restoreScramSecret';
import { assertUsableScramSecret, describeScramSecret } from './secretState';
import type { MskCredentialsDeps, MskCredentialsRequest } from './types';

/**
 * The credential changes onboarding would make on MSK, read-only (Plan step and dry run). Fails with
 * the same typed errors Ensure would (foreign key, someone else's secret pending deletion), so a dry
 * run reveals them; msk-flows' own offboarded secret is planned as a restore.
 */
export async function planMskCredentials(
  request: MskCredentialsRequest,
  deps: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'kmsKeyArn'>,
): Promise<Change[]> {
  const clusterArn = mskClusterArnOf(request.cluster);
  const secretName = secretNameFor(request.principal);
  const kmsKeyArn = platformKmsKeyArn(deps.kmsKeyArn, clusterArn, secretName);
  const id = associationId(secretName, clusterArn);
  const secret = await describeScramSecret(secretName, deps.secretsManager);
  if (!secret) {
    return [
      { kind: 'secret', id: secretName, action: 'create', detail: 'encrypted with the platform KMS key' },
      { kind: 'scram-association', id, action: 'create' },
    ];
  }
  const restore = isPendingDeletion(secret);
  if (restore) assertRestorable(secret, request.principal, kmsKeyArn);
  else assertUsableScramSecret(secret, kmsKeyArn);
  const associated = (await listAssociatedSecretArns(clusterArn, deps.kafka)).has(secret.arn);
  return [
    restore
      ? restoreChange(secretName)
      : {
          kind: 'secret',
          id: secretName,
          action: 'none',
          detail: 'exists, encrypted with the platform KMS key',
        },
    { kind: 'scram-association', id, action: associated ? 'none' : 'create' },
  ];
}
