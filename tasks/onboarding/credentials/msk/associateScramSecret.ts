import { mskClusterArnOf } from '../../cluster/mskArn';
import { type Change, emptyJournal, type Journal, type LedgerEntry } from '../../contracts';
import { appendToJournal, isSecretEntry } from '../../journal';
import { claimForRun, runContextOf, standingOf } from '../../registry/runContext';
import { scramAssociationIdentity } from '../../registryIdentity';
import { secretNameFor } from '../../request/names';
import { taskHandlerFactory } from '../../taskHandler';
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
 * it up within about 10 minutes; Verify Access waits for that. The association is claimed in the
 * cluster's ownership registry before BatchAssociateScramSecret (`intent`: undo checks ListScramSecrets)
 * and recorded `owned` after; one found in place that an earlier attempt of this run or an unfinished
 * run of this request made is carried by this run.
 */
export async function associateScramSecret(
  input: AssociateScramSecretInput,
  deps: MskCredentialsDeps,
): Promise<AssociateScramSecretOutput> {
  const journal = input.journal ?? emptyJournal();
  const { request } = input;
  const clusterArn = mskClusterArnOf(request.cluster);
  const secretName = secretNameFor(request.principal);
  const ctx = runContextOf(request, journal);
  // Created or restored by this execution: just made visible, so InvalidSecretArn may be eventual consistency.
  const createdHere = journal.ledger.filter(isSecretEntry).find((entry) => entry.secretName === secretName);
  const secretArn = createdHere?.secretArn ?? (await existingSecretArn(secretName, clusterArn, deps));
  const id = associationId(secretName, clusterArn);
  const entry: LedgerEntry = { kind: 'scram-association', clusterArn, secretArn };
  const identity = scramAssociationIdentity(entry);
  const journaled = (change: Change): Journal => appendToJournal(journal, [change], [entry]);

  return deps.registry(request.cluster, 'associateScramSecret', async (registry) => {
    const [associated, view] = await Promise.all([
      listAssociatedSecretArns(clusterArn, deps.kafka),
      registry.view(),
    ]);
    const { standing } = standingOf(view, identity, ctx);
    if (associated.has(secretArn)) {
      const alreadyJournaled = journal.ledger.some(
        (e) => e.kind === 'scram-association' && e.clusterArn === clusterArn && e.secretArn === secretArn,
      );
      // A secret this execution created can only have been associated by an earlier attempt of it.
      const carried = standing === 'this-run' || standing === 'inherited' || createdHere !== undefined;
      if (!carried || alreadyJournaled)
        return appendToJournal(journal, [{ kind: 'scram-association', id, action: 'none' }]);
      await claimForRun(registry, ctx, [{ ...identity, origin: 'created', entry, state: 'owned' }]);
      return journaled({
        kind: 'scram-association',
        id,
        action: 'create',
        detail:
          standing === 'inherited'
            ? 'made by an unfinished run of this request'
            : 'associated by an earlier attempt of this execution',
      });
    }

    const [ticket] = await claimForRun(registry, ctx, [{ ...identity, origin: 'created', entry }]);
    // A call that fails outright leaves the intent: undo checks ListScramSecrets.
    const [failure] = (await batchScramSecrets('associate', clusterArn, [secretArn], deps.kafka)).filter(
      (unprocessed) => unprocessed.SecretArn === undefined || unprocessed.SecretArn === secretArn,
    );
    if (failure) {
      // InvalidSecretArn on a secret we just created is usually Secrets Manager's eventual consistency
      // (the state machine retries, continuing this claim); on a pre-existing secret it is a real problem
      // (name, key, policy) that retrying will not fix: MSK refused it, so nothing is held.
      if (failure.ErrorCode === 'InvalidSecretArn' && createdHere) {
        throw new ScramSecretNotYetVisibleError(secretArn, clusterArn, failure.ErrorMessage);
      }
      if (ticket) await registry.settle([{ ticket, state: 'released', note: 'refused by MSK' }]);
      throw new ScramSecretAssociationError(
        'associate',
        secretArn,
        clusterArn,
        failure.ErrorCode,
        failure.ErrorMessage,
      );
    }
    if (ticket) await registry.settle([{ ticket, state: 'owned' }]);
    deps.logger.info('SCRAM secret associated', { secretName, secretArn, clusterArn });
    return journaled({
      kind: 'scram-association',
      id,
      action: 'create',
      detail: 'brokers pick it up within ~10 minutes',
    });
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

/** Builds the handler of the "Associate SCRAM Secret" state over the deps given (local runs pass their own). */
export const createAssociateScramSecretHandler = taskHandlerFactory(associateScramSecret);

/** Lambda entry point of the "Associate SCRAM Secret" state. */
export const handler = createAssociateScramSecretHandler(mskCredentialsDeps);
