import type { Change, LedgerEntry } from '../contracts';
import { registryIdentityOf } from '../registryIdentity';
import { identityKey, type RegistryView } from './fold';
import type { Registry, Ticket } from './registry';
import type { RegistryIdentity, RegistryOrigin, RegistryOwner } from './types';
import { runTickets, type UndoOutcome } from './undoRun';

/** How to undo things kept outside the cluster (AWS resources) that steps record in the registry. */
export interface AwsSideUndo {
  /** The ledger kinds it undoes, in the order they are undone (newest step first). */
  order: readonly LedgerEntry['kind'][];
  /**
   * Undoes one entry, idempotently; `owner` is who the registry says made it (an entry whose creation is
   * uncertain is checked against AWS with it, never assumed pre-existing).
   */
  undo: (entry: LedgerEntry, owner: RegistryOwner, context?: AwsUndoContext) => Promise<Change>;
  /**
   * The identity a ledger entry and a registry record of the same thing meet by (default the entry's
   * registry identity: undefined); shared private access records are per principal, so they meet by the thing.
   */
  identityOf?: (entry: LedgerEntry) => RegistryIdentity | undefined;
}

/** What the registry says about an entry being undone: the view read, and how the run came to hold it. */
export interface AwsUndoContext {
  view: RegistryView;
  /** The run's record's origin; `created` for an entry only the ledger lists. */
  origin: RegistryOrigin;
}

/** The run's registry tickets whose entry is of a kind `aws` undoes. */
export const awsTickets = (view: RegistryView, run: string, aws: AwsSideUndo): Ticket[] =>
  runTickets(view, run).filter((t) => t.entry !== undefined && aws.order.includes(t.entry.kind));

/**
 * Undoes the AWS-side things of `run`: those in `ledger` (of `aws`'s kinds) and those the registry shows
 * the run holding (an `intent` whose outcome a crash lost included), kind by kind in `aws.order`. The
 * ledger's entry wins over the registry's for the same thing (it has what the step learned, e.g. an
 * ARN). Each undone thing the registry holds is released; failures become leftovers.
 */
export async function undoRunAwsSide(
  registry: Registry,
  view: RegistryView,
  run: string,
  owner: RegistryOwner,
  ledger: readonly LedgerEntry[],
  aws: AwsSideUndo,
): Promise<UndoOutcome> {
  const work = new Map<string, { entry: LedgerEntry; ticket?: Ticket }>();
  for (const ticket of awsTickets(view, run, aws)) {
    const entry = ticket.entry as LedgerEntry;
    work.set(identityKey(aws.identityOf?.(entry) ?? ticket), { entry, ticket });
  }
  for (const entry of ledger) {
    if (!aws.order.includes(entry.kind)) continue;
    const key = identityKey(aws.identityOf?.(entry) ?? registryIdentityOf(entry));
    work.set(key, { entry, ticket: work.get(key)?.ticket });
  }
  const outcome: UndoOutcome = { changes: [], leftovers: [], errors: [] };
  for (const kind of aws.order) {
    for (const { entry, ticket } of [...work.values()].filter((w) => w.entry.kind === kind)) {
      try {
        const context = { view, origin: ticket?.origin ?? 'created' };
        outcome.changes.push(await aws.undo(entry, ticket?.owner ?? owner, context));
        if (ticket) await registry.settle([{ ticket, state: 'released', note: 'undone' }]);
      } catch (error) {
        const { kind: k, id } = registryIdentityOf(entry);
        outcome.leftovers.push({
          kind: k,
          id,
          error: `${(error as Error).name}: ${(error as Error).message}`,
        });
        outcome.errors.push(error as Error);
      }
    }
  }
  return outcome;
}
