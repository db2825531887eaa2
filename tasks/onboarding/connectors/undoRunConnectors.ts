import type { LedgerEntry } from '../contracts';
import { identityKey, type RegistryView } from '../registry/fold';
import type { Registry, Ticket } from '../registry/registry';
import { type Leftover, runTickets, type UndoOutcome } from '../registry/undoRun';
import { registryIdentityOf } from '../registryIdentity';
import { isConnectorEntry } from './registryClaims';
import type { ConnectorDeps } from './types';
import { undoConnectorEntry } from './undoConnectors';

/**
 * The connector side of undoing `run` in the registry: what the run holds there and the ledger did not
 * list (an `intent` whose outcome a crash lost) is undone now (a delete of what is not there is "already
 * gone": the intent is checked, never assumed); every connector thing of the run that is gone is released.
 * Things in `leftovers` (their undo from the ledger failed) stay held.
 */
export async function undoRunConnectors(
  registry: Registry,
  view: RegistryView,
  run: string,
  ledger: readonly LedgerEntry[],
  leftovers: readonly Leftover[],
  deps: Pick<ConnectorDeps, 'mskConnect' | 'kafkaConnect' | 'iam'>,
): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { changes: [], leftovers: [], errors: [] };
  const inLedger = new Set(ledger.map((e) => identityKey(registryIdentityOf(e))));
  const left = new Set(leftovers.map((l) => identityKey(l)));
  const released: Ticket[] = [];
  for (const ticket of runTickets(view, run)) {
    if (!isConnectorEntry(ticket.entry) || left.has(identityKey(ticket))) continue;
    if (!inLedger.has(identityKey(ticket))) {
      try {
        outcome.changes.push(await undoConnectorEntry(ticket.entry, deps));
      } catch (error) {
        const e = error as Error;
        outcome.leftovers.push({ kind: ticket.kind, id: ticket.id, error: `${e.name}: ${e.message}` });
        outcome.errors.push(e);
        continue;
      }
    }
    released.push(ticket);
  }
  await registry.settle(released.map((ticket) => ({ ticket, state: 'released' as const, note: 'undone' })));
  return outcome;
}
