import type { Change } from '../contracts';
import { runContextOf } from '../registry/runContext';
import type { ConnectorSpec } from '../request/connectorsSchema';
import { planKafkaConnector } from './kafkaConnect/kafkaConnector';
import { planConnectorItself } from './mskConnect/mskConnector';
import { planMskPlugins } from './mskConnect/plugins';
import { mskConnectPreflight } from './mskConnect/preflight';
import { planRolePolicy } from './mskConnect/rolePolicy';
import { type ConnectorRegistry, withConnectorRegistry } from './registryClaims';
import type { ConnectorDeps, ConnectorRequest } from './types';

/** Plan of an MSK Connect connector: preflight, its role's scoped policy, plugin and worker configuration, the connector. */
async function planMskConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: ConnectorDeps,
  registry: ConnectorRegistry | undefined,
): Promise<Change[]> {
  const cluster = await mskConnectPreflight(spec, request, deps);
  const ctx = runContextOf(request);
  const policy = (await planRolePolicy(spec, cluster.clusterArn, deps, { registry, ctx })).change;
  const plugins = await planMskPlugins(spec, request, deps, registry, ctx);
  const connector = await planConnectorItself(spec, cluster, deps, request, undefined, registry);
  return [policy, ...plugins, connector.change];
}

/**
 * What the connector steps would change, read-only; runs MSK Connect's preflight (IAM auth on the cluster,
 * worker keys MSK Connect forbids) and refuses to change a same-named connector msk-flows does not own (by
 * the cluster's ownership registry, when the deps can reach it; on MSK Connect also by its description).
 */
export async function planConnectors(request: ConnectorRequest, deps: ConnectorDeps): Promise<Change[]> {
  const specs = request.connectors ?? [];
  const plan = async (registry: ConnectorRegistry | undefined) => {
    const changes: Change[] = [];
    for (const spec of specs) {
      if (spec.platform === 'kafka-connect')
        changes.push((await planKafkaConnector(spec, request, deps, undefined, registry)).change);
      else changes.push(...(await planMskConnector(spec, request, deps, registry)));
    }
    return changes;
  };
  return specs.length > 0 ? withConnectorRegistry(request, deps, 'planConnectors', plan) : plan(undefined);
}
