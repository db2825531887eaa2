import type { Change } from '../contracts';
import { planKafkaConnector } from './kafkaConnect/kafkaConnector';
import { planMskConnector } from './mskConnect/mskConnector';
import type { ConnectorDeps, ConnectorRequest } from './types';

/**
 * What the connector steps would change, read-only; runs MSK Connect's preflight (IAM auth on the cluster,
 * worker keys MSK Connect forbids) and refuses a same-named connector msk-flows did not create.
 */
export async function planConnectors(request: ConnectorRequest, deps: ConnectorDeps): Promise<Change[]> {
  const changes: Change[] = [];
  for (const spec of request.connectors ?? []) {
    if (spec.platform === 'kafka-connect')
      changes.push((await planKafkaConnector(spec, request, deps)).change);
    else changes.push(...(await planMskConnector(spec, request, deps)));
  }
  return changes;
}
