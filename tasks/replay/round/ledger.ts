import type { QueueMessage } from '../messages/types';
import type { ParkedItem } from '../parking';
import type { ReplayRecord } from '../records';

/** One dead letter in a round: which of its records are still unsettled, and what was parked. */
interface Entry {
  message: QueueMessage;
  pending: Set<string>;
  parked: ParkedItem[];
  settled: boolean;
}

/**
 * Tracks, for every message of a round, the records the target has not acknowledged yet. A message is
 * complete (ready to park what needs parking and then delete) only when all of its records are delivered
 * or parked. A record shared by two messages (overlapping on-failure ranges) is delivered once and
 * settles both.
 */
export class RoundLedger {
  readonly #entries = new Map<string, Entry>();
  readonly #byRecord = new Map<string, Set<string>>();
  readonly #records = new Map<string, ReplayRecord>();
  /** Records to deliver not handed out yet, each once, in the order messages brought them. */
  #deliverable: ReplayRecord[] = [];
  /** Messages whose records are all settled since the last takeComplete (so it need not scan every message). */
  #ready: Entry[] = [];
  delivered = 0;
  parkedItems = 0;

  /** Adds a message with its records to deliver and the reasons (part of) it is parked already. */
  add(message: QueueMessage, records: ReplayRecord[], parked: ParkedItem[]): void {
    const entry: Entry = { message, pending: new Set(), parked: [...parked], settled: false };
    this.parkedItems += parked.length;
    for (const record of records) {
      entry.pending.add(record.id);
      const owners = this.#byRecord.get(record.id) ?? new Set<string>();
      owners.add(message.messageId);
      this.#byRecord.set(record.id, owners);
      if (!this.#records.has(record.id)) {
        this.#records.set(record.id, record);
        this.#deliverable.push(record);
      }
    }
    this.#entries.set(message.messageId, entry);
    if (entry.pending.size === 0) this.#ready.push(entry);
  }

  /** The records added since the last call, to deliver now. */
  takeDeliverable(): ReplayRecord[] {
    return this.#deliverable.splice(0);
  }

  /** Marks records delivered. */
  markDelivered(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.#settleRecord(id)) this.delivered++;
    }
  }

  /** Marks records parked with the target's reason (their bytes go into each owner's parking object). */
  park(items: Iterable<{ id: string; reason: string }>): void {
    for (const { id, reason } of items) {
      const record = this.#records.get(id);
      for (const owner of this.#byRecord.get(id) ?? [])
        this.#entries.get(owner)?.parked.push({ reason, record });
      if (this.#settleRecord(id)) this.parkedItems++;
    }
  }

  #settleRecord(id: string): boolean {
    const owners = this.#byRecord.get(id);
    if (!owners) return false;
    this.#byRecord.delete(id);
    for (const owner of owners) {
      const entry = this.#entries.get(owner);
      if (entry?.pending.delete(id) && entry.pending.size === 0) this.#ready.push(entry);
    }
    return true;
  }

  /** Messages whose records are all settled and that were not handed out yet; they are handed out once. */
  takeComplete(): { message: QueueMessage; parked: ParkedItem[] }[] {
    const complete: { message: QueueMessage; parked: ParkedItem[] }[] = [];
    for (const entry of this.#ready.splice(0)) {
      if (entry.settled) continue;
      entry.settled = true;
      complete.push({ message: entry.message, parked: entry.parked });
    }
    return complete;
  }

  /** Messages not completed yet (to release when the round fails). */
  unsettled(): QueueMessage[] {
    return [...this.#entries.values()].filter((e) => !e.settled).map((e) => e.message);
  }
}
