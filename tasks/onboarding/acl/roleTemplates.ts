import { schemaHistoryBindings } from '../connectors/aclBindings';
import type { AclBinding } from '../contracts';
import { connectorGroupFor, kafkaPrincipalFor } from '../request/names';
import type { Grant, OnboardingRequest, PatternType } from '../request/schema';

/**
 * The ACLs a grant becomes (the role table of issue 3, documented in README). Always ALLOW, host `*`,
 * principal `User:<principal>`, LITERAL unless the grant says prefixed. Never the `ALL` operation and
 * never a `*` resource: the request schema refuses `*` in every name, so none can reach here.
 * https://kafka.apache.org/documentation/#operations_resources_and_protocols
 */

type Operation = AclBinding['operation'];
type ResourceType = AclBinding['resourceType'];

/** MSK and Kafka name the single CLUSTER resource `kafka-cluster`. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

const toPatternType = (patternType: PatternType | undefined): AclBinding['patternType'] =>
  patternType === 'prefixed' ? 'PREFIXED' : 'LITERAL';

function bindings(
  principal: string,
  resourceType: ResourceType,
  resourceName: string,
  patternType: PatternType | undefined,
  operations: Operation[],
): AclBinding[] {
  return operations.map((operation) => ({
    resourceType,
    resourceName,
    patternType: toPatternType(patternType),
    principal: kafkaPrincipalFor(principal),
    host: '*',
    operation,
    permission: 'ALLOW',
  }));
}

/** The ACL bindings one grant gives `principal`, in the order of the role table. */
export function aclBindingsForGrant(principal: string, grant: Grant): AclBinding[] {
  const topic = (operations: Operation[]) =>
    bindings(principal, 'TOPIC', grant.topic, grant.patternType, operations);
  switch (grant.role) {
    case 'consumer':
      return [
        ...topic(['READ', 'DESCRIBE']),
        ...bindings(principal, 'GROUP', grant.group, grant.groupPatternType, ['READ']),
      ];
    case 'producer':
      return [
        ...topic(['WRITE', 'DESCRIBE']),
        // Idempotence is on by default since Kafka 3.0; older brokers need this ACL for it (KIP-679).
        ...(grant.idempotent
          ? bindings(principal, 'CLUSTER', CLUSTER_RESOURCE_NAME, 'literal', ['IDEMPOTENT_WRITE'])
          : []),
        ...(grant.transactionalId
          ? bindings(principal, 'TRANSACTIONAL_ID', grant.transactionalId, grant.transactionalIdPatternType, [
              'WRITE',
              'DESCRIBE',
            ])
          : []),
      ];
    case 'connector':
      return grant.direction === 'sink'
        ? [
            ...topic(['READ', 'DESCRIBE']),
            ...bindings(principal, 'GROUP', connectorGroupFor(grant.connector), 'literal', ['READ']),
          ]
        : topic(['WRITE', 'DESCRIBE']);
  }
}

/** Every binding a request asks for: grants in order, each binding once (first occurrence wins). */
export function aclBindingsForRequest(
  request: Pick<OnboardingRequest, 'principal' | 'grants'> & Partial<Pick<OnboardingRequest, 'connectors'>>,
): AclBinding[] {
  const unique = new Map<string, AclBinding>();
  const all = [
    ...request.grants.flatMap((grant) => aclBindingsForGrant(request.principal, grant)),
    // A Kafka Connect source connector's own internal topic (Debezium's schema history) and its group.
    ...schemaHistoryBindings(request.principal, request.connectors ?? []),
  ];
  for (const binding of all) {
    const id = describeBinding(binding);
    if (!unique.has(id)) unique.set(id, binding);
  }
  return [...unique.values()];
}

/**
 * A readable, stable identity of a binding, used as a Change id: `User:x READ TOPIC:orders.events (LITERAL)`.
 * Host and permission are left out because they are always `*` and ALLOW.
 */
export function describeBinding(binding: AclBinding): string {
  const { principal, operation, resourceType, resourceName, patternType } = binding;
  return `${principal} ${operation} ${resourceType}:${resourceName} (${patternType})`;
}
