import middy from '@middy/core';
import { mskClusterArnOf } from '../../cluster/mskArn';
import { type Change, emptyJournal, type Journal } from '../../contracts';
import { isSecretEntry } from '../../journal';
import { taskObservability } from '../../observability';
import { secretNameFor } from '../../request/names';
import { associationId, batchScramSecrets, listAssociatedSecretArns } from './associations';
import { mskCredentialsDeps } from './clients';
import {
  ScramSecretAssociationError,
  ScramSecretMissingError,
  ScramSecretNotYetVisibleError,
} from './errors';
import { platformKmsKeyArn } from './kmsKey';
import { assertUsableScramSecret, describeScramSecret } from './secretState';
import type { MskCredentialsDeps, MskCredentialsRequest } from './types';

export interface AssociateScramSecretInput {
  request: MskCredentialsRequest;
  journal?: Journal;
}

/** The journal, extended with the association if this execution made it. */
export type AssociateScramSecretOutput = Journal;

/**
 * Associates `AmazonMSK_<principal>` (and only it) with the cluster unless it already is. Brokers pick
 * it up within about 10 minutes; Verify Access waits for that.
 */
export async function associateScramSecret(
  input: AssociateScramSecretInput,
  deps: MskCredentialsDeps,
): Promise<AssociateScramSecretOutput> {
  const journal = input.journal ?? emptyJournal();
  const clusterArn = mskClusterArnOf(input.request.cluster);
  const secretName = secretNameFor(input.request.principal);
  // Created or restored by this execution: just made visible, so InvalidSecretArn may be eventual consistency.
  const createdHere = journal.ledger.filter(isSecretEntry).find((entry) => entry.secretName === secretName);
  const secretArn = createdHere?.secretArn ?? (await existingSecretArn(secretName, clusterArn, deps));
  const id = associationId(secretName, clusterArn);
  const journaled = (change: Change): Journal => ({
    ...journal,
    ledger: [...journal.ledger, { kind: 'scram-association', clusterArn, secretArn }],
    changes: [...journal.changes, change],
  });

  if ((await listAssociatedSecretArns(clusterArn, deps.kafka)).has(secretArn)) {
    const alreadyJournaled = journal.ledger.some(
      (entry) =>
        entry.kind === 'scram-association' &&
        entry.clusterArn === clusterArn &&
        entry.secretArn === secretArn,
    );
    // A secret this execution created can only have been associated by an earlier attempt of it.
    if (createdHere && !alreadyJournaled)
      return journaled({
        kind: 'scram-association',
        id,
        action: 'create',
        detail: 'associated by an earlier attempt of this execution',
      });
    return {
      ...journal,
      changes: [...journal.changes, { kind: 'scram-association', id, action: 'none' }],
    };
  }

  const [failure] = (await batchScramSecrets('associate', clusterArn, [secretArn], deps.kafka)).filter(
    (unprocessed) => unprocessed.SecretArn === undefined || unprocessed.SecretArn === secretArn,
  );
  if (failure) {
    // InvalidSecretArn on a secret we just created is usually Secrets Manager's eventual consistency;
    // on a pre-existing secret it is a real problem (name, key, policy) that retrying will not fix.
    if (failure.ErrorCode === 'InvalidSecretArn' && createdHere) {
      throw new ScramSecretNotYetVisibleError(secretArn, clusterArn, failure.ErrorMessage);
    }
    throw new ScramSecretAssociationError(
      'associate',
      secretArn,
      clusterArn,
      failure.ErrorCode,
      failure.ErrorMessage,
    );
  }
  deps.logger.info('SCRAM secret associated', { secretName, secretArn, clusterArn });
  return journaled({
    kind: 'scram-association',
    id,
    action: 'create',
    detail: 'brokers pick it up within ~10 minutes',
  });
}

/** The ARN of a secret that existed before this execution, checked usable; ScramSecretMissingError if absent. */
async function existingSecretArn(
  secretName: string,
  clusterArn: string,
  deps: MskCredentialsDeps,
): Promise<string> {
  const secret = await describeScramSecret(secretName, deps.secretsManager);
  if (!secret) throw new ScramSecretMissingError(secretName);
  assertUsableScramSecret(secret, platformKmsKeyArn(deps.kmsKeyArn, clusterArn, secretName));
  return secret.arn;
}

/** Lambda entry point of the "Associate SCRAM Secret" state. */
export const handler = middy(async (event: AssociateScramSecretInput) =>
  associateScramSecret(event, mskCredentialsDeps),
).use(taskObservability());
