import type { Change, Journal, LedgerEntry } from './contracts';

/** The journal extended with this step's changes and ledger entries (a new object; the input is not mutated). */
export function appendToJournal(journal: Journal, changes: Change[], entries: LedgerEntry[] = []): Journal {
  return { ...journal, ledger: [...journal.ledger, ...entries], changes: [...journal.changes, ...changes] };
}

/** A ledger entry for a secret this execution made live: created, or restored from scheduled deletion. */
export type SecretLedgerEntry = Extract<LedgerEntry, { kind: 'secret' | 'secret-restore' }>;

export function isSecretEntry(entry: LedgerEntry): entry is SecretLedgerEntry {
  return entry.kind === 'secret' || entry.kind === 'secret-restore';
}
