import type { RegistryIdentity, RegistryRecord, StoredRecord } from './types';

/** A principal's hold on one identity: its latest record and the offset of the claim that record continues. */
export interface Holding {
  principal: string;
  record: RegistryRecord;
  offset: bigint;
  claim: bigint;
  live: boolean;
}

/** What the registry says about one identity: its owner (if any) and live claims that lost to it. */
export interface IdentityView {
  identity: RegistryIdentity;
  owner?: Holding;
  /** Live claims of other principals that came after the owner's (a loser that has not withdrawn yet). */
  contenders: Holding[];
}

/** The registry folded: one view per identity key. */
export type RegistryView = Map<string, IdentityView>;

/** The map key of an identity. */
export const identityKey = (identity: RegistryIdentity): string =>
  JSON.stringify([identity.kind, identity.id]);

/** The Kafka record key of a record: kind, id and principal, so compaction keeps each principal's latest. */
export const recordKey = (record: Pick<RegistryRecord, 'kind' | 'id' | 'owner'>): string =>
  JSON.stringify([record.kind, record.id, record.owner.principal]);

/**
 * Folds the log into ownership. Per identity and principal only the latest record counts (what compaction
 * keeps); a principal holds the identity while that record is not `released`. Among live holders the one
 * whose claim has the lowest offset owns it: first writer wins, decided by the log's order alone, so every
 * reader (and every reader after compaction) reaches the same answer.
 */
export function foldRegistry(records: readonly StoredRecord[]): RegistryView {
  const latest = new Map<string, StoredRecord>();
  for (const stored of records) {
    const key = recordKey(stored.record);
    const before = latest.get(key);
    if (!before || before.offset < stored.offset) latest.set(key, stored);
  }
  const view: RegistryView = new Map();
  for (const { offset, record } of latest.values()) {
    const key = identityKey(record);
    const entry = view.get(key) ?? { identity: { kind: record.kind, id: record.id }, contenders: [] };
    const holding: Holding = {
      principal: record.owner.principal,
      record,
      offset,
      claim: record.claimOffset !== undefined ? BigInt(record.claimOffset) : offset,
      live: record.state !== 'released',
    };
    if (holding.live) entry.contenders.push(holding);
    view.set(key, entry);
  }
  for (const entry of view.values()) {
    entry.contenders.sort((a, b) => (a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : 0));
    entry.owner = entry.contenders.shift();
  }
  return view;
}

/** The owner of an identity in a folded view, if any. */
export function ownerOf(view: RegistryView, identity: RegistryIdentity): Holding | undefined {
  return view.get(identityKey(identity))?.owner;
}
