import type { ReplayRecord } from '../records';

/** What became of each record of a delivery: delivered, or parked with the reason the target gave. */
export interface DeliveryOutcome {
  delivered: string[];
  parked: { id: string; reason: string }[];
}

/** A record the target will not take: parked (never replayable there) or skipped (left in the queue). */
export interface Refusal {
  action: 'park' | 'skip';
  reason: string;
}

/**
 * Where a replay delivers records. `deliver` resolves only once the target acknowledged every record it
 * reports delivered; a failure that says nothing about which records landed throws (the round then leaves
 * the unacknowledged messages in the queue).
 */
export interface ReplayTargetWriter {
  /** Why this target cannot take the record at all (checked before delivery), or undefined. */
  refuse(record: ReplayRecord): Refusal | undefined;
  /** Splits records, in order, into deliveries the target accepts in one go. */
  chunk(records: ReplayRecord[]): ReplayRecord[][];
  deliver(records: ReplayRecord[], replayId: string): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}
