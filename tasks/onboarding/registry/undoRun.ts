import type { Admin } from '@platformatic/kafka';
import type { SecretStore } from '../../shared/secrets/store';
import type { Change, LedgerEntry } from '../contracts';
import { registryIdentityOf } from '../registryIdentity';
import { identityKey, type RegistryView } from './fold';
import { type Registry, type Ticket, ticketOf } from './registry';
import { runIdentity } from './runContext';
import { isKafkaUndoKind, KAFKA_UNDO_ORDER, undoKafkaBatch } from './undoKafka';

/** Something compensation could not remove: its identity and why. */
export interface Leftover {
  kind: string;
  id: string;
  error: string;
}

/** What an undo did, what it left, and the first failure (to rethrow when retriable). */
export interface UndoOutcome {
  changes: Change[];
  leftovers: Leftover[];
  errors: Error[];
}

/** The tickets of everything `run` holds in the registry (its run record aside), newest first. */
export function runTickets(view: RegistryView, run: string): Ticket[] {
  const held = [...view.values()]
    .flatMap((v) => (v.owner ? [v.owner] : []))
    .filter((h) => h.live && h.record.run === run && h.record.kind !== 'run')
    .sort((a, b) => (a.offset > b.offset ? -1 : 1));
  return held.flatMap((h) => ticketOf(view, h.record) ?? []);
}

/**
 * Undoes the Kafka-side things of `run`: those in `ledger` and those the registry shows the run holding
 * (an `intent` whose outcome a crash lost included), one admin request per kind, newest step first.
 * Each undone thing is released in the registry; things the run only adopted or holds without an undo
 * entry (its secret, with its user) are released once everything else is gone.
 */
export async function undoRunKafkaSide(
  admin: Admin,
  registry: Registry,
  view: RegistryView,
  run: string,
  ledger: readonly LedgerEntry[],
  secrets: SecretStore,
): Promise<UndoOutcome> {
  const tickets = runTickets(view, run);
  const entries = new Map<string, LedgerEntry>();
  for (const entry of ledger)
    if (isKafkaUndoKind(entry.kind)) entries.set(identityKey(registryIdentityOf(entry)), entry);
  for (const t of tickets) if (t.entry && isKafkaUndoKind(t.entry.kind)) entries.set(identityKey(t), t.entry);
  const outcome: UndoOutcome = { changes: [], leftovers: [], errors: [] };
  const ticketByKey = new Map(tickets.map((t) => [identityKey(t), t]));
  for (const kind of KAFKA_UNDO_ORDER) {
    const batch = [...entries.values()].filter((e) => e.kind === kind);
    if (batch.length === 0) continue;
    try {
      outcome.changes.push(...(await undoKafkaBatch(admin, secrets, kind, batch)));
      const done = batch.flatMap((e) => ticketByKey.get(identityKey(registryIdentityOf(e))) ?? []);
      await registry.settle(done.map((ticket) => ({ ticket, state: 'released' as const, note: 'undone' })));
      for (const t of done) ticketByKey.delete(identityKey(t));
    } catch (error) {
      outcome.errors.push(error as Error);
      for (const e of batch) {
        const { kind: k, id } = registryIdentityOf(e);
        outcome.leftovers.push({
          kind: k,
          id,
          error: `${(error as Error).name}: ${(error as Error).message}`,
        });
      }
    }
  }
  if (outcome.leftovers.length === 0) {
    // What remains is held without an undo of its own (a secret undone with its user, an adoption);
    // an MSK secret (its entry says how to undo it) is undone on the AWS side.
    const rest = [...ticketByKey.values()].filter((t) => !t.entry || !isKafkaUndoKind(t.entry.kind));
    const kafkaSide = rest.filter((t) => (t.kind === 'secret' && !t.entry) || t.origin === 'adopted');
    await registry.settle(
      kafkaSide.map((ticket) => ({ ticket, state: 'released' as const, note: 'undone' })),
    );
  }
  return outcome;
}

/** Marks the run finished in the registry: `released` once compensated, or still `intent` with its leftovers. */
export async function closeRun(
  registry: Registry,
  view: RegistryView,
  run: string,
  leftovers: readonly Leftover[],
): Promise<void> {
  const ticket = ticketOf(view, runIdentity(run));
  if (!ticket) return;
  await registry.settle([
    leftovers.length === 0
      ? { ticket, state: 'released', note: 'compensated' }
      : {
          ticket,
          state: 'intent',
          note: `compensation incomplete: ${leftovers.map((l) => `${l.kind} ${l.id}`).join('; ')}`,
        },
  ]);
}
