import { connectorIdentityOf } from './connectors/identity';
import type { LedgerEntry } from './contracts';
import { privateAccessIdentityOf, type RegistryIdentity } from './privateAccess/identity';
import { triggerIdentityOf } from './triggers/identity';

export type { RegistryIdentity } from './privateAccess/identity';

/**
 * The ownership registry identity of a private access, trigger or connector ledger entry (kind + stable id);
 * undefined for the kinds the registry's own hook-up names (secrets, topics, ACLs …).
 */
export function registryIdentityOf(entry: LedgerEntry): RegistryIdentity | undefined {
  switch (entry.kind) {
    case 'multi-vpc-connectivity':
    case 'cluster-policy-statement':
    case 'cluster-lock':
    case 'vpc-connection':
      return privateAccessIdentityOf(entry);
    case 'secret-copy':
    case 'event-source-mapping':
      return triggerIdentityOf(entry);
    case 'connector':
    case 'custom-plugin':
    case 'worker-configuration':
      return connectorIdentityOf(entry);
    default:
      return undefined;
  }
}
