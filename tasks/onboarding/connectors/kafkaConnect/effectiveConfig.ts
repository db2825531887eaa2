import { resolveMskBootstrapBrokers } from '../../cluster/resolveMskBootstrapBrokers';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { secretNameFor } from '../../request/names';
import { keepsSchemaHistory, schemaHistoryGroupFor, schemaHistoryTopicFor } from '../names';
import type { ConnectorDeps, ConnectorRequest } from '../types';

const CLIENT_OVERRIDES = ['producer.override.', 'consumer.override.', 'admin.override.'];

/** The SCRAM JAAS line of the principal, its password a config provider reference (never the value). */
function jaasFor(principal: string, deps: Pick<ConnectorDeps, 'secretReference'>): string {
  const password = deps.secretReference(secretNameFor(principal), 'password');
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${principal}" password="${password}";`;
}

async function bootstrapOf(request: ConnectorRequest, deps: Pick<ConnectorDeps, 'kafka'>): Promise<string[]> {
  return request.cluster.kind === 'msk'
    ? resolveMskBootstrapBrokers(request.cluster.arn, 'scram', { kafka: deps.kafka })
    : request.cluster.bootstrapServers;
}

/**
 * The configuration msk-flows PUTs for a Kafka Connect connector: the request's, plus what makes it
 * authenticate as the principal with SCRAM-SHA-512 (client overrides, KIP-458: the worker needs
 * `connector.client.config.override.policy=All`), and for Debezium's historized connectors the schema
 * history topic, group and clients (they do not inherit the worker's settings).
 */
export async function effectiveConfig(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: Pick<ConnectorDeps, 'secretReference' | 'selfManagedSecurityProtocol' | 'kafka'>,
): Promise<Record<string, string>> {
  const jaas = jaasFor(request.principal, deps);
  const config: Record<string, string> = { ...spec.config, name: spec.name };
  for (const prefix of CLIENT_OVERRIDES) {
    config[`${prefix}sasl.mechanism`] = 'SCRAM-SHA-512';
    config[`${prefix}sasl.jaas.config`] = jaas;
  }
  if (spec.kind === 'source' && keepsSchemaHistory(spec)) {
    const protocol = request.cluster.kind === 'msk' ? 'SASL_SSL' : deps.selfManagedSecurityProtocol;
    config['schema.history.internal.kafka.topic'] = schemaHistoryTopicFor(spec.name);
    config['schema.history.internal.kafka.bootstrap.servers'] = (await bootstrapOf(request, deps)).join(',');
    config['schema.history.internal.consumer.group.id'] = schemaHistoryGroupFor(spec.name);
    for (const client of ['producer', 'consumer']) {
      config[`schema.history.internal.${client}.security.protocol`] = protocol;
      config[`schema.history.internal.${client}.sasl.mechanism`] = 'SCRAM-SHA-512';
      config[`schema.history.internal.${client}.sasl.jaas.config`] = jaas;
    }
  }
  return config;
}

/** Keys whose values differ between two configs (either side missing counts), sorted; values never shown. */
export function differingKeys(current: Record<string, string>, wanted: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  return [...keys].filter((k) => current[k] !== wanted[k]).sort();
}
