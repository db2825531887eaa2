import type { LedgerEntry } from '../contracts';
import type { RegistryIdentity } from '../privateAccess/identity';

export type { RegistryIdentity } from '../privateAccess/identity';

/**
 * Where a record stands: `intent` (a step is about to act; until its outcome is recorded the result is
 * uncertain and is checked against the cluster), `owned` (the step acted: the thing exists and is ours),
 * `released` (ours no more: deleted, undone, or a lost claim withdrawn).
 */
export type RegistryState = 'intent' | 'owned' | 'released';

/**
 * How the owner came to hold it: `created` (msk-flows made it; undo deletes it), `adopted` (existed, taken
 * over by an explicit `adopt`; undo only lets go), `changed` (config keys set on a topic; undo restores the
 * previous values kept in `entry`), `used` (a principal's use of a shared thing that was already there:
 * the cluster policy statement, a VPC connection, connectivity; ending it removes the thing only when
 * msk-flows made it and no other principal's record still uses it).
 */
export type RegistryOrigin = 'created' | 'adopted' | 'changed' | 'used';

/** Who holds a thing: the principal (ownership is per principal) and the request that last acted for it. */
export interface RegistryOwner {
  principal: string;
  requestId: string;
}

/** One record of the registry topic: the value of a Kafka record keyed by kind, id and principal. */
export interface RegistryRecord extends RegistryIdentity {
  state: RegistryState;
  owner: RegistryOwner;
  /** The run (execution) that wrote it: undo and reconcile find a run's records by it. */
  run: string;
  origin: RegistryOrigin;
  /** What undo needs (the ledger entry of the step); never a secret. */
  entry?: LedgerEntry;
  /**
   * The offset of the claim this record continues, as a decimal string; absent on a claim itself (its own
   * offset is its claim). Kept on every later record so log compaction can never lose a claim's position.
   */
  claimOffset?: string;
  /** When it was written (ISO 8601). */
  at: string;
  /** A short reason, e.g. `lost the claim to bob`, `undone`, `offboarded`. */
  note?: string;
}

/** A record as read back, with its offset in the registry partition. */
export interface StoredRecord {
  offset: bigint;
  record: RegistryRecord;
}

/** The durable log the registry lives in: one ordered partition (the registry topic in the cluster). */
export interface RegistryLog {
  /** Every record from the log start to its current end, in offset order. */
  readAll(): Promise<StoredRecord[]>;
  /** Appends records in order (one batch) and returns each one's offset. */
  append(records: RegistryRecord[]): Promise<bigint[]>;
}
