import type { LedgerEntry } from '../contracts';
import { identityKey, ownerOf, type RegistryView } from '../registry/fold';
import type { Registry, Ticket } from '../registry/registry';
import { type Leftover, runTickets, type UndoOutcome } from '../registry/undoRun';
import { registryIdentityOf } from '../registryIdentity';
import { isConnectorEntry } from './registryClaims';
import type { ConnectorDeps } from './types';
import { undoConnectorEntry } from './undoConnectors';

/** What undoing a connector thing needs (Kafka Connect's REST API, MSK Connect, IAM). */
export type ConnectorUndoDeps = Pick<ConnectorDeps, 'mskConnect' | 'kafkaConnect' | 'iam'>;

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
  deps: ConnectorUndoDeps,
): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { changes: [], leftovers: [], errors: [] };
  const inLedger = new Set(ledger.map((e) => identityKey(registryIdentityOf(e))));
  const left = new Set(leftovers.map((l) => identityKey(l)));
  const released: Ticket[] = [];
  for (const ticket of runTickets(view, run)) {
    if (!isConnectorEntry(ticket.entry) || left.has(identityKey(ticket))) continue;
    if (!inLedger.has(identityKey(ticket))) {
      try {
        outcome.changes.push(
          await undoConnectorEntry(ticket.entry, deps, {
            principal: ticket.owner.principal,
            uncertain: ownerOf(view, ticket)?.record.state === 'intent',
          }),
        );
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

/**
 * The connector side of finishing an unfinished run from the registry alone (Finish Unfinished Runs,
 * reconcile): undone and released with `deps`; without them each connector thing the run holds is a
 * leftover, so the run is not closed as if it had none.
 */
export async function undoHeldConnectors(
  registry: Registry,
  view: RegistryView,
  run: string,
  leftovers: readonly Leftover[],
  deps: ConnectorUndoDeps | undefined,
): Promise<UndoOutcome> {
  if (deps) return undoRunConnectors(registry, view, run, [], leftovers, deps);
  const held = runTickets(view, run).filter((t) => isConnectorEntry(t.entry));
  return {
    changes: [],
    leftovers: held.map((t) => ({
      kind: t.kind,
      id: t.id,
      error: 'ConnectorAccessMissing: this step cannot reach connectors; run `msk-flows reconcile`',
    })),
    errors: [],
  };
}
