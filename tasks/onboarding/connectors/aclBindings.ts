import type { AclBinding } from '../contracts';
import type { ConnectorSpec } from '../request/connectorsSchema';
import { kafkaPrincipalFor } from '../request/names';
import { keepsSchemaHistory, schemaHistoryGroupFor, schemaHistoryTopicFor } from './names';

/**
 * The ACLs a Kafka Connect source connector that keeps a Debezium schema history needs beyond its grant:
 * TOPIC READ, WRITE and DESCRIBE on `<connector>.schema-history` and GROUP READ on the group its reader
 * joins (same name), both LITERAL. MSK Connect authenticates with IAM: its connectors need no ACLs.
 */
export function schemaHistoryBindings(principal: string, connectors: readonly ConnectorSpec[]): AclBinding[] {
  const user = kafkaPrincipalFor(principal);
  const binding = (
    resourceType: AclBinding['resourceType'],
    resourceName: string,
    operation: AclBinding['operation'],
  ): AclBinding => ({
    resourceType,
    resourceName,
    patternType: 'LITERAL',
    principal: user,
    host: '*',
    operation,
    permission: 'ALLOW',
  });
  return connectors
    .filter((c) => c.platform === 'kafka-connect' && c.kind === 'source' && keepsSchemaHistory(c))
    .flatMap((c) => [
      binding('TOPIC', schemaHistoryTopicFor(c.name), 'READ'),
      binding('TOPIC', schemaHistoryTopicFor(c.name), 'WRITE'),
      binding('TOPIC', schemaHistoryTopicFor(c.name), 'DESCRIBE'),
      binding('GROUP', schemaHistoryGroupFor(c.name), 'READ'),
    ]);
}
