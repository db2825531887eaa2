import type { Change, Journal, LedgerEntry } from '../../contracts';
import { isSecretEntry } from '../../journal';
import type { Holding } from '../../registry/fold';
import type { Registry } from '../../registry/registry';
import { claimForRun, type RunContext, type Standing } from '../../registry/runContext';
import { secretIdentity } from '../../registryIdentity';
import { restoreChange, TAG_RESTORED_BY } from './restoreScramSecret';
import {
  assertHoldsUsername,
  assertUsableScramSecret,
  type ScramSecretInfo,
  TAG_EXECUTION,
} from './secretState';
import type { MskCredentialsDeps } from './types';

/** Where the registry and the secret's tags say an existing secret came from. */
export interface ExistingSecretContext {
  registry: Registry;
  ctx: RunContext;
  standing: Standing;
  holder?: Holding;
  executionName?: string;
}

/**
 * An existing, live secret. Usable as is → no change; made by this run (a retried Lambda: its tags name
 * this execution, or the registry holds it for this run) or by an unfinished run of this request (the
 * registry's `inherited`) → carried: recorded `owned` for this run and journaled, so this run's undo
 * removes it if it fails, and its success keeps it.
 */
export async function adoptExistingSecret(
  secret: ScramSecretInfo,
  principal: string,
  journal: Journal,
  kmsKeyArn: string,
  deps: Pick<MskCredentialsDeps, 'secretsManager' | 'logger'>,
  from: ExistingSecretContext,
): Promise<Journal> {
  assertUsableScramSecret(secret, kmsKeyArn);
  await assertHoldsUsername(secret, principal, deps.secretsManager);
  const { executionName, standing, holder } = from;
  const inLedger = journal.ledger.filter(isSecretEntry).some((entry) => entry.secretArn === secret.arn);
  const thisExecution = executionName !== undefined;
  const restoredHere = thisExecution && secret.tags[TAG_RESTORED_BY] === executionName;
  const createdHere = thisExecution && secret.tags[TAG_EXECUTION] === executionName;
  const heldByRun = standing === 'this-run' || standing === 'inherited';
  if (inLedger || !(restoredHere || createdHere || heldByRun)) {
    deps.logger.info('SCRAM secret already exists and is usable', {
      secretName: secret.name,
      secretArn: secret.arn,
    });
    const change: Change = {
      kind: 'secret',
      id: secret.name,
      action: 'none',
      detail: 'exists, encrypted with the platform KMS key',
    };
    return { ...journal, changes: [...journal.changes, change] };
  }
  const restored = restoredHere || (heldByRun && holder?.record.entry?.kind === 'secret-restore');
  const entry: LedgerEntry = {
    kind: restored ? 'secret-restore' : 'secret',
    secretArn: secret.arn,
    secretName: secret.name,
  };
  // It exists: recorded owned at once (an intent of this or an unfinished run is continued).
  await claimForRun(from.registry, from.ctx, [
    { ...secretIdentity(secret.name), origin: 'created', entry, state: 'owned' },
  ]);
  const inherited = standing === 'inherited' ? 'made by an unfinished run of this request' : undefined;
  const change: Change = restored
    ? { ...restoreChange(secret.name), ...(inherited ? { detail: inherited } : {}) }
    : {
        kind: 'secret',
        id: secret.name,
        action: 'create',
        detail: inherited ?? 'created by an earlier attempt of this execution',
      };
  return { ...journal, ledger: [...journal.ledger, entry], changes: [...journal.changes, change] };
}
