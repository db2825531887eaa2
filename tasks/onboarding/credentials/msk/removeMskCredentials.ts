import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { releaseOwned } from '../../../offboarding/releaseOwned';
import { awsCall } from '../../cluster/awsCall';
import { mskClusterArnOf } from '../../cluster/mskArn';
import type { Change } from '../../contracts';
import { scramAssociationIdentity, secretIdentity } from '../../registryIdentity';
import { secretNameFor } from '../../request/names';
import { associationId } from './associations';
import { describeScramSecret, OFFBOARDING_RECOVERY_WINDOW_DAYS, TAG_PRINCIPAL } from './secretState';
import type { MskCredentialsDeps, MskCredentialsRequest } from './types';
import { disassociateScramSecret } from './undoMskCredentials';

export interface RemoveMskCredentialsInput {
  request: MskCredentialsRequest;
}

/**
 * Offboarding on MSK: disassociates `AmazonMSK_<principal>` from the cluster (revoking the login) and
 * schedules the secret's deletion only if msk-flows created it for this principal (its
 * `msk-flows:principal` tag); a secret someone else made is kept. The ownership registry then shows
 * neither held by the principal any more.
 */
export async function removeMskCredentials(
  input: RemoveMskCredentialsInput,
  deps: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger' | 'registry'>,
): Promise<Change[]> {
  const changes = await removeFromAws(input, deps);
  // Held no more: the registry forgets the secret and its association (a re-onboarding claims them anew).
  const { principal, cluster } = input.request;
  const secret = changes.secretArn;
  await deps.registry(cluster, 'removeMskCredentials', async (registry) =>
    releaseOwned(registry, await registry.view(), principal, [
      secretIdentity(secretNameFor(principal)),
      ...(secret
        ? [scramAssociationIdentity({ secretArn: secret, clusterArn: mskClusterArnOf(cluster) })]
        : []),
    ]),
  );
  return changes.changes;
}

/** Disassociates and schedules the deletion; the changes, and the secret's ARN when it exists. */
async function removeFromAws(
  input: RemoveMskCredentialsInput,
  deps: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger'>,
): Promise<{ changes: Change[]; secretArn?: string }> {
  const { principal } = input.request;
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const secretName = secretNameFor(principal);
  const id = associationId(secretName, clusterArn);
  const secret = await describeScramSecret(secretName, deps.secretsManager);
  if (!secret) {
    return {
      changes: [
        { kind: 'scram-association', id, action: 'none', detail: 'no secret' },
        { kind: 'secret', id: secretName, action: 'none', detail: 'does not exist' },
      ],
    };
  }
  const disassociated = await disassociateScramSecret(clusterArn, secret.arn, deps);
  const association: Change = { kind: 'scram-association', id, action: disassociated ? 'delete' : 'none' };
  const kept = (detail: string) => ({
    changes: [association, { kind: 'secret', id: secretName, action: 'none', detail } as Change],
    secretArn: secret.arn,
  });
  if (secret.tags[TAG_PRINCIPAL] !== principal) return kept('not created by msk-flows; kept');
  if (secret.deletedDate) return kept('already scheduled for deletion');
  await awsCall('DeleteSecret', secret.arn, () =>
    deps.secretsManager.send(
      new DeleteSecretCommand({
        SecretId: secret.arn,
        RecoveryWindowInDays: OFFBOARDING_RECOVERY_WINDOW_DAYS,
      }),
    ),
  );
  deps.logger.info('SCRAM secret scheduled for deletion', { secretName, secretArn: secret.arn, clusterArn });
  return {
    changes: [
      association,
      {
        kind: 'secret',
        id: secretName,
        action: 'delete',
        detail: `recoverable for ${OFFBOARDING_RECOVERY_WINDOW_DAYS} days`,
      },
    ],
    secretArn: secret.arn,
  };
}
