import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../../../tasks/shared/secrets/localFileStore';
import { AdminLoginError, ForeignSecretsError } from './errors';
import type { KafkaLayout } from './layout';

/** `.local/secrets/.cluster.json`: the cluster whose admin and principal secrets live beside it. */
export interface ClusterMarker {
  clusterId: string;
  recordedAt: string;
}

/** The marker of the secrets directory; undefined when there is none (or it is unreadable). */
export function readClusterMarker(layout: KafkaLayout): ClusterMarker | undefined {
  if (!existsSync(layout.clusterMarkerFile)) return undefined;
  try {
    const marker = JSON.parse(readFileSync(layout.clusterMarkerFile, 'utf8')) as Partial<ClusterMarker>;
    return typeof marker.clusterId === 'string' ? (marker as ClusterMarker) : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the files in the secrets directory belong to cluster `clusterId`. */
export function writeClusterMarker(layout: KafkaLayout, clusterId: string): void {
  const marker: ClusterMarker = { clusterId, recordedAt: new Date().toISOString() };
  writeSecretFile(layout.clusterMarkerFile, `${JSON.stringify(marker)}\n`);
}

/**
 * Before a fresh format: moves every file of the secrets directory (those of an earlier cluster, whose
 * passwords must never be reused for new users) to `secrets-stale/<time>-<cluster>/`. Nothing is deleted.
 * Returns where they went, or undefined when there was nothing to move.
 */
export function setAsideStaleSecrets(
  layout: KafkaLayout,
  log: (message: string) => void,
): string | undefined {
  if (!existsSync(layout.secretsDir)) return undefined;
  const files = readdirSync(layout.secretsDir);
  if (files.length === 0) return undefined;
  const cluster = readClusterMarker(layout)?.clusterId ?? 'unknown-cluster';
  const target = join(layout.staleSecretsDir, `${new Date().toISOString().replaceAll(':', '-')}-${cluster}`);
  mkdirSync(layout.staleSecretsDir, { recursive: true, mode: 0o700 });
  renameSync(layout.secretsDir, target);
  log(
    `Moved ${files.length} file(s) of an earlier cluster (${cluster}) from ${layout.secretsDir} to ${target}: ` +
      'their passwords are not reused for the new cluster',
  );
  return target;
}

/**
 * Before starting on existing storage: the admin secret file must exist and the secrets must not belong to
 * another cluster. 'unmarked' (no marker yet, e.g. a stack formatted before markers existed) means the caller
 * records the marker once the admin has really logged in.
 */
export function checkSecretsFor(layout: KafkaLayout, clusterId: string): 'marked' | 'unmarked' {
  const marker = readClusterMarker(layout);
  if (marker && marker.clusterId !== clusterId)
    throw new ForeignSecretsError(layout, marker.clusterId, clusterId);
  if (!existsSync(layout.adminSecretFile)) throw new AdminLoginError(layout, 'the file is missing');
  return marker ? 'marked' : 'unmarked';
}
