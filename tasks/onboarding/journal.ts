import type { Change, Journal, LedgerEntry } from './contracts';

/** The journal extended with this step's changes and ledger entries (a new object; the input is not mutated). */
export function appendToJournal(journal: Journal, changes: Change[], entries: LedgerEntry[] = []): Journal {
  return { ledger: [...journal.ledger, ...entries], changes: [...journal.changes, ...changes] };
}
