import type { Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { taskHandlerFactory } from '../taskHandler';
import { connectorDeps } from './clients';
import { ensureMskPlugins } from './mskConnect/plugins';
import { mskConnectPreflight } from './mskConnect/preflight';
import { ensureRolePolicy } from './mskConnect/rolePolicy';
import type { ConnectorDeps, ConnectorTaskInput } from './types';

/**
 * Ensure Connector Plugins: for each MSK Connect connector, what it needs before it is created: its service
 * execution role scoped to its own topics and groups (an inline policy, put or updated), its custom plugin
 * (from S3) and worker configuration, created when missing; all journaled, so Undo Changes finds the role
 * policy when a later step (creating the connector) fails. Kafka Connect connectors bring their plugins with
 * the workers: nothing to do for them.
 */
export async function ensureConnectorPlugins(
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
): Promise<Journal> {
  let journal = input.journal;
  for (const spec of input.request.connectors ?? []) {
    if (spec.platform !== 'msk-connect') continue;
    const cluster = await mskConnectPreflight(spec, input.request, deps);
    const policy = await ensureRolePolicy(spec, cluster.clusterArn, deps);
    journal = appendToJournal(journal, [policy.change], policy.entry ? [policy.entry] : []);
    const { changes, entries } = await ensureMskPlugins(spec, input.request, deps);
    journal = appendToJournal(journal, changes, entries);
  }
  return journal;
}

/** Builds the handler of the "Ensure Connector Plugins" state over the deps given (local runs pass their own). */
export const createEnsureConnectorPluginsHandler = taskHandlerFactory(ensureConnectorPlugins);

/** Lambda entry point of the "Ensure Connector Plugins" state. */
export const handler = createEnsureConnectorPluginsHandler(connectorDeps);
