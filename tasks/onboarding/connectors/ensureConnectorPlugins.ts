import type { Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import { runContextOf } from '../registry/runContext';
import { taskHandlerFactory } from '../taskHandler';
import { connectorDeps } from './clients';
import { ensureMskPlugins } from './mskConnect/plugins';
import { mskConnectPreflight } from './mskConnect/preflight';
import { ensureRolePolicy } from './mskConnect/rolePolicy';
import { withConnectorRegistry } from './registryClaims';
import { registrySessionOver } from './registrySession';
import type { ConnectorDeps, ConnectorTaskInput } from './types';

/**
 * Ensure Connector Plugins: for each MSK Connect connector, what it needs before it is created: its service
 * execution role scoped to its own topics and groups (an inline policy, put or updated), its custom plugin
 * (from S3) and worker configuration, created when missing; all journaled, so Undo Changes finds the role
 * policy when a later step (creating the connector) fails, and what it creates claimed in the ownership
 * registry of the request's cluster first (README "Ownership registry"), so a crash cannot orphan it. Kafka Connect connectors bring their plugins with
 * the workers: nothing to do for them.
 */
export async function ensureConnectorPlugins(
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
): Promise<Journal> {
  const specs = (input.request.connectors ?? []).filter((spec) => spec.platform === 'msk-connect');
  if (specs.length === 0) return input.journal;
  return withConnectorRegistry(input.request, deps, 'ensureConnectorPlugins', async (registry) => {
    let journal = input.journal;
    for (const spec of specs) {
      const cluster = await mskConnectPreflight(spec, input.request, deps);
      const ctx = runContextOf(input.request, journal);
      const policy = await ensureRolePolicy(spec, cluster.clusterArn, deps, { registry, ctx, journal });
      journal = appendToJournal(journal, [policy.change], policy.entry ? [policy.entry] : []);
      const { changes, entries } = await ensureMskPlugins(spec, input.request, deps, registry, journal);
      journal = appendToJournal(journal, changes, entries);
    }
    return journal;
  });
}

/** Builds the handler of the "Ensure Connector Plugins" state over the deps given (local runs pass their own). */
export const createEnsureConnectorPluginsHandler = taskHandlerFactory(ensureConnectorPlugins);

/** Lambda entry point of the "Ensure Connector Plugins" state: Kafka-facing (the registry lives in the cluster). */
export const handler = createEnsureConnectorPluginsHandler({
  ...connectorDeps,
  registrySession: registrySessionOver(kafkaTaskDeps.connect),
});
