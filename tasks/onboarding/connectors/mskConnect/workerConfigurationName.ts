import { createHash } from 'node:crypto';

/** Worker properties as a properties file (sorted, so equal settings give equal content). */
export function workerProperties(worker: Record<string, string>): string {
  return `${Object.entries(worker)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

/**
 * A worker configuration's name carries a hash of its content: MSK Connect keeps revisions, never edits in
 * place, so other settings are another configuration and an existing one with this name is exactly ours.
 */
export function workerConfigurationNameFor(connector: string, worker: Record<string, string>): string {
  const hash = createHash('sha256').update(workerProperties(worker)).digest('hex').slice(0, 10);
  return `msk-flows-${connector}-${hash}`;
}
