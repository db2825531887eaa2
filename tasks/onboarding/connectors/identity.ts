import type { ConnectorLedgerEntry } from '../contracts';
import type { RegistryIdentity } from '../privateAccess/identity';

/**
 * A connector's registry identity: its ARN on MSK Connect; on a Kafka Connect cluster (which has no ARNs)
 * the cluster's REST URL and the connector name, `<url>/connectors/<name>`, the resource's own address.
 */
export function connectorIdentity(
  entry: Extract<ConnectorLedgerEntry, { kind: 'connector' }>,
): RegistryIdentity {
  return entry.platform === 'msk-connect'
    ? { kind: 'connector', id: entry.connectorArn }
    : { kind: 'connector', id: `${entry.connectUrl.replace(/\/+$/, '')}/connectors/${entry.name}` };
}

/**
 * The registry identity of any connector ledger entry (custom plugins and worker configurations by ARN, a
 * role's inline policy by `<role ARN>/<policy name>`).
 */
export function connectorIdentityOf(entry: ConnectorLedgerEntry): RegistryIdentity {
  switch (entry.kind) {
    case 'connector':
      return connectorIdentity(entry);
    case 'custom-plugin':
      return { kind: 'custom-plugin', id: entry.customPluginArn };
    case 'worker-configuration':
      return { kind: 'worker-configuration', id: entry.workerConfigurationArn };
    case 'connector-role-policy':
      return { kind: 'connector-role-policy', id: `${entry.roleArn}/${entry.policyName}` };
  }
}
