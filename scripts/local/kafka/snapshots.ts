import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../process';
import type { KafkaLayout } from './layout';

/**
 * KRaft metadata snapshots, written often, so that a restart never rebuilds the SCRAM credentials from the bare log.
 *
 * Why: Kafka 3.9.x (and 4.0/4.1) `ScramDelta.apply()` drops a mechanism's whole user map when a deletion leaves
 * it empty *while* the delta is applied, and later additions of the same delta then go to a detached map. On a
 * restart without a snapshot the broker replays the whole metadata log onto an empty image as one delta: when a
 * deleted user comes before `admin` in the HashMap's order, every SCRAM-SHA-512 user is gone from the broker's
 * view (the admin is refused, "invalid credentials"), and the next snapshot makes that loss permanent.
 * A snapshot taken while the broker runs holds `admin`, which is never deleted, so a restart from it cannot
 * empty the map. Kafka's defaults (one snapshot an hour or per 20 MiB) leave a fresh local cluster without any.
 * https://kafka.apache.org/39/documentation.html#brokerconfigs_metadata.log.max.snapshot.interval.ms
 */
export const METADATA_SNAPSHOT_SETTINGS: Readonly<Record<string, number>> = {
  'metadata.log.max.snapshot.interval.ms': 10_000,
  // Snapshots older than an hour (the latest is always kept) and the log before them are redundant with the
  // latest snapshot; without this, ten-second snapshots would pile up to Kafka's 7-day / 100 MiB bound.
  'metadata.max.retention.ms': 3_600_000,
};

/** `--override key=value` arguments of kafka.Kafka: they apply to storages formatted before these settings too. */
export function snapshotOverrideArgs(): string[] {
  return Object.entries(METADATA_SNAPSHOT_SETTINGS).flatMap(([key, value]) => [
    '--override',
    `${key}=${value}`,
  ]);
}

/** The KRaft metadata log's directory in the data directory (single node: partition 0). */
export function metadataLogDir(layout: KafkaLayout): string {
  return join(layout.dataDir, '__cluster_metadata-0');
}

/** The KRaft snapshot files (`<offset>-<epoch>.checkpoint`) the storage holds, oldest first. */
export function metadataSnapshots(layout: KafkaLayout): string[] {
  const dir = metadataLogDir(layout);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.checkpoint'))
    .sort();
}

/** Waits until the broker has written a metadata snapshot; false when none came within `timeoutMs`. */
export function waitForMetadataSnapshot(layout: KafkaLayout, timeoutMs: number): Promise<boolean> {
  return waitFor(() => metadataSnapshots(layout).length > 0, { timeoutMs, intervalMs: 500 });
}
