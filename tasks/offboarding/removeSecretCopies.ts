import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { awsCall, awsErrorName, toAwsCallError } from '../onboarding/cluster/awsCall';
import type { Change } from '../onboarding/contracts';
import { consumerAccountClients } from '../onboarding/privateAccess/consumerAccount';
import type { PrivateAccessDeps } from '../onboarding/privateAccess/types';
import { identityKey } from '../onboarding/registry/fold';
import type { RegistryIdentity } from '../onboarding/registry/types';
import { secretsOf } from '../onboarding/triggers/consumerSecrets';
import { secretCopyIdentity } from '../onboarding/triggers/identity';
import type { TriggerRequest } from '../onboarding/triggers/mappingTarget';
import { inConsumerAccount, secretCopyNameFor, TAG_PRINCIPAL } from '../onboarding/triggers/names';
import type { TriggerRegistry } from '../onboarding/triggers/registryClaims';

/** What removing copies did, and the registry identities of the copies that are gone. */
export interface CopiesRemoved {
  changes: Change[];
  gone: RegistryIdentity[];
}

/** Deletes the copy `name` when its tags say msk-flows made it for `principal` (absent: gone already). */
async function removeCopy(
  sm: SecretsManagerClient,
  name: string,
  id: string,
  principal: string,
): Promise<Change> {
  let tags: Record<string, string | undefined>;
  try {
    const out = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    if (out.DeletedDate) return { kind: 'secret-copy', id, action: 'none', detail: 'already deleted' };
    tags = Object.fromEntries((out.Tags ?? []).map((t) => [t.Key, t.Value]));
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException')
      return { kind: 'secret-copy', id, action: 'none', detail: 'no copy' };
    throw toAwsCallError('DescribeSecret', name, error);
  }
  if (tags[TAG_PRINCIPAL] !== principal)
    return { kind: 'secret-copy', id, action: 'none', detail: 'kept: not made by msk-flows' };
  // Only a copy: the source secret in the cluster account keeps its own recovery window.
  await awsCall('DeleteSecret', name, () =>
    sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })),
  );
  return { kind: 'secret-copy', id, action: 'delete' };
}

const isGone = (change: Change) =>
  change.action === 'delete' || change.detail !== 'kept: not made by msk-flows';

/** The principal's copy in the request's consumer account (when a trigger of the request lives there). */
export async function removeRequestCopy(
  request: TriggerRequest,
  deps: PrivateAccessDeps,
): Promise<CopiesRemoved> {
  const needed = (request.triggers ?? []).some((t) => inConsumerAccount(t, request.cluster));
  if (!needed || !request.privateLink || request.cluster.kind !== 'msk') return { changes: [], gone: [] };
  const consumer = await consumerAccountClients(
    request.cluster.arn,
    request.privateLink,
    request.requestId,
    deps,
  );
  const identity = secretCopyIdentity({
    consumerAccountId: request.privateLink.consumerAccountId,
    secretName: secretCopyNameFor(request.principal),
  });
  const change = await removeCopy(
    consumer.secretsManager,
    secretCopyNameFor(request.principal),
    identity.id,
    request.principal,
  );
  return { changes: [change], gone: isGone(change) ? [identity] : [] };
}

/**
 * The copies the registry shows the principal holding that the request did not reach (another consumer
 * account, or no trigger listed): in their account through the recorded role, removed the same way.
 */
export async function removeRecordedCopies(
  reg: TriggerRegistry,
  principal: string,
  handled: ReadonlySet<string>,
  deps: PrivateAccessDeps,
): Promise<CopiesRemoved> {
  const removed: CopiesRemoved = { changes: [], gone: [] };
  for (const { identity, owner } of reg.view.values()) {
    const entry = owner?.record.entry;
    if (!owner?.live || owner.principal !== principal || handled.has(identityKey(identity))) continue;
    if (entry?.kind !== 'secret-copy' || !entry.consumer) continue;
    const sm = await secretsOf(entry.consumer, owner.record.owner.requestId, deps);
    const change = await removeCopy(sm, entry.secretName, identity.id, principal);
    removed.changes.push(change);
    if (isGone(change)) removed.gone.push(identity);
  }
  return removed;
}
