import type { ConnectorLedgerEntry } from '../contracts';
import type { RegistryIdentity } from '../privateAccess/identity';

/**
 * A connector's registry identity: on MSK Connect its name, `msk-connect:connector/<name>` (names are unique
 * per account and Region, and known before CreateConnector answers with the ARN, so the intent can be
 * recorded first); on a Kafka Connect cluster the cluster's REST URL and the connector name,
 * `<url>/connectors/<name>`, the resource's own address.
 */
export function connectorIdentity(
  entry: Extract<ConnectorLedgerEntry, { kind: 'connector' }>,
): RegistryIdentity {
  return entry.platform === 'msk-connect'
    ? { kind: 'connector', id: `msk-connect:connector/${entry.name}` }
    : { kind: 'connector', id: `${entry.connectUrl.replace(/\/+$/, '')}/connectors/${entry.name}` };
}

/**
 * The registry identity of any connector ledger entry (custom plugins and worker configurations by name,
 * unique per account and Region like connectors' and known before they exist; a role's inline policy by
 * `<role ARN>/<policy name>`).
 */
export function connectorIdentityOf(entry: ConnectorLedgerEntry): RegistryIdentity {
  switch (entry.kind) {
    case 'connector':
      return connectorIdentity(entry);
    case 'custom-plugin':
      return { kind: 'custom-plugin', id: `msk-connect:custom-plugin/${entry.name}` };
    case 'worker-configuration':
      return { kind: 'worker-configuration', id: `msk-connect:worker-configuration/${entry.name}` };
    case 'connector-role-policy':
      return { kind: 'connector-role-policy', id: `${entry.roleArn}/${entry.policyName}` };
  }
}

/** The ledger entry (and, by name, the registry identity) of an MSK Connect connector. */
export const mskConnectorEntry = (name: string, connectorArn?: string): MskConnectorEntry => ({
  kind: 'connector',
  platform: 'msk-connect',
  name,
  ...(connectorArn ? { connectorArn } : {}),
});

type MskConnectorEntry = Extract<ConnectorLedgerEntry, { kind: 'connector'; platform: 'msk-connect' }>;
