import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import type { ClusterRef } from '../contracts';
import { withAdminAndRegistry } from '../registry/session';
import type { RegistrySession } from './types';

/**
 * The connector steps' registry session over the admin connection of a cluster (only the Kafka-facing
 * connector functions build one: the others never load the Kafka client).
 */
export function registrySessionOver(
  connect: (cluster: ClusterRef) => Promise<KafkaConnectionConfig>,
): RegistrySession {
  return async (cluster, operation, fn) =>
    withAdminAndRegistry(await connect(cluster), operation, (_admin, registry) => fn(registry));
}
