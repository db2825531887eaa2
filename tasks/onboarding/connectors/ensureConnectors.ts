import middy from '@middy/core';
import type { Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { taskObservability } from '../observability';
import { connectorDeps } from './clients';
import { ensureKafkaConnector } from './kafkaConnect/kafkaConnector';
import { ensureMskConnector } from './mskConnect/mskConnector';
import type { ConnectorDeps, ConnectorTaskInput } from './types';

/**
 * Ensure Connectors: each connector created (or, when this execution created it, updated) on its platform,
 * journaled so Undo Changes deletes it; an equal one is no change. Runs after the principal's ACLs exist.
 */
export async function ensureConnectors(input: ConnectorTaskInput, deps: ConnectorDeps): Promise<Journal> {
  let journal = input.journal;
  for (const spec of input.request.connectors ?? []) {
    const { change, entry } =
      spec.platform === 'kafka-connect'
        ? await ensureKafkaConnector(spec, input.request, journal, deps)
        : await ensureMskConnector(spec, input.request, journal, deps);
    journal = appendToJournal(journal, [change], entry ? [entry] : []);
  }
  return journal;
}

/** Lambda entry point of the "Ensure Connectors" state. */
export const handler = middy(async (event: ConnectorTaskInput) => ensureConnectors(event, connectorDeps)).use(
  taskObservability(),
);
