import type { Change } from '../contracts';
import type { ConnectorSpec } from '../request/connectorsSchema';
import { planKafkaConnector } from './kafkaConnect/kafkaConnector';
import { planConnectorItself } from './mskConnect/mskConnector';
import { planMskPlugins } from './mskConnect/plugins';
import { mskConnectPreflight } from './mskConnect/preflight';
import { planRolePolicy } from './mskConnect/rolePolicy';
import type { ConnectorDeps, ConnectorRequest } from './types';

/** Plan of an MSK Connect connector: preflight, its role's scoped policy, plugin and worker configuration, the connector. */
async function planMskConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: ConnectorDeps,
): Promise<Change[]> {
  const cluster = await mskConnectPreflight(spec, request, deps);
  const policy = await planRolePolicy(spec, cluster.clusterArn, deps);
  const plugins = await planMskPlugins(spec, deps);
  return [policy, ...plugins, (await planConnectorItself(spec, cluster, deps)).change];
}

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
