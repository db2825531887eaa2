import { describeBinding } from './acl/roleTemplates';
import { connectorIdentityOf } from './connectors/identity';
import type { LedgerEntry } from './contracts';
import { privateAccessIdentityOf, type RegistryIdentity } from './privateAccess/identity';
import { triggerIdentityOf } from './triggers/identity';

export type { RegistryIdentity } from './privateAccess/identity';

/** A SCRAM credential on the cluster, by user name. */
export const scramUserIdentity = (user: string): RegistryIdentity => ({ kind: 'scram-user', id: user });
/** A stored SCRAM secret (Secrets Manager or the local store), by name. */
export const secretIdentity = (secretName: string): RegistryIdentity => ({ kind: 'secret', id: secretName });
/** The association of an MSK SCRAM secret (by ARN) with a cluster (by ARN). */
export const scramAssociationIdentity = (e: { secretArn: string; clusterArn: string }): RegistryIdentity => ({
  kind: 'scram-association',
  id: `${e.secretArn} -> ${e.clusterArn}`,
});
/** A topic, by name. */
export const topicIdentity = (topic: string): RegistryIdentity => ({ kind: 'topic', id: topic });
/** The config keys msk-flows set on a topic (undo restores the previous values), by topic name. */
export const topicConfigIdentity = (topic: string): RegistryIdentity => ({ kind: 'topic-config', id: topic });

/**
 * The ownership registry identity (kind + stable id) of any ledger entry (connectors included): the thing itself, whatever
 * execution made it. An ACL binding is named by all its fields (`User:x READ TOPIC:orders (LITERAL)`).
 */
export function registryIdentityOf(entry: LedgerEntry): RegistryIdentity {
  switch (entry.kind) {
    case 'secret':
    case 'secret-restore':
      return secretIdentity(entry.secretName);
    case 'scram-association':
      return scramAssociationIdentity(entry);
    case 'scram-user':
      return scramUserIdentity(entry.user);
    case 'topic':
      return topicIdentity(entry.topic);
    case 'topic-config':
      return topicConfigIdentity(entry.topic);
    case 'acl':
      return { kind: 'acl', id: describeBinding(entry.binding) };
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
    case 'connector-role-policy':
      return connectorIdentityOf(entry);
  }
}
