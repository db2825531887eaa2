import middy from '@middy/core';
import type { Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { taskObservability } from '../observability';
import { connectorDeps } from './clients';
import { ensureMskPlugins } from './mskConnect/plugins';
import { mskConnectPreflight } from './mskConnect/preflight';
import type { ConnectorDeps, ConnectorTaskInput } from './types';

/**
 * Ensure Connector Plugins: for each MSK Connect connector, its custom plugin (from S3) and worker
 * configuration, created when missing and journaled. Kafka Connect connectors bring their plugins with the
 * workers: nothing to do for them.
 */
export async function ensureConnectorPlugins(
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
): Promise<Journal> {
  let journal = input.journal;
  for (const spec of input.request.connectors ?? []) {
    if (spec.platform !== 'msk-connect') continue;
    await mskConnectPreflight(spec, input.request, deps);
    const { changes, entries } = await ensureMskPlugins(spec, input.request, deps);
    journal = appendToJournal(journal, changes, entries);
  }
  return journal;
}

/** Lambda entry point of the "Ensure Connector Plugins" state. */
export const handler = middy(async (event: ConnectorTaskInput) =>
  ensureConnectorPlugins(event, connectorDeps),
).use(taskObservability());
