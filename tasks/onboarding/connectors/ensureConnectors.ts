import type { Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import { taskHandlerFactory } from '../taskHandler';
import { connectorDeps } from './clients';
import { ensureKafkaConnector } from './kafkaConnect/kafkaConnector';
import { ensureMskConnector } from './mskConnect/mskConnector';
import { type ConnectorRegistry, withConnectorRegistry } from './registryClaims';
import { registrySessionOver } from './registrySession';
import type { ConnectorDeps, ConnectorTaskInput } from './types';

/**
 * Ensure Connectors: each connector created (or, when msk-flows owns it, updated) on its platform,
 * journaled so Undo Changes deletes it; an equal one is no change. A connector is claimed in
 * the ownership registry of the request's cluster before it is created (on MSK Connect by name: its ARN comes
 * later) and recorded `owned` after, so
 * Undo Changes, offboarding and reconcile find it even when a crash lost the ledger. Runs after the
 * principal's ACLs exist.
 */
export async function ensureConnectors(input: ConnectorTaskInput, deps: ConnectorDeps): Promise<Journal> {
  const specs = input.request.connectors ?? [];
  if (specs.length === 0) return input.journal;
  const run = async (registry: ConnectorRegistry | undefined) => {
    let journal = input.journal;
    for (const spec of specs) {
      const { change, entry } =
        spec.platform === 'kafka-connect'
          ? await ensureKafkaConnector(spec, input.request, journal, deps, registry)
          : await ensureMskConnector(spec, input.request, journal, deps, registry);
      journal = appendToJournal(journal, [change], entry ? [entry] : []);
    }
    return journal;
  };
  return withConnectorRegistry(input.request, deps, 'ensureConnectors', run);
}

/** Builds the handler of the "Ensure Connectors" state over the deps given (local runs pass their own). */
export const createEnsureConnectorsHandler = taskHandlerFactory(ensureConnectors);

/** Lambda entry point of the "Ensure Connectors" state: Kafka-facing (the registry lives in the cluster). */
export const handler = createEnsureConnectorsHandler({
  ...connectorDeps,
  registrySession: registrySessionOver(kafkaTaskDeps.connect),
});
