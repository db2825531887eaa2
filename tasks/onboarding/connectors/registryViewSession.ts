import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import type { ClusterRef } from '../contracts';
import { withAdminAndRegistryView } from '../registry/viewSession';
import type { RegistrySession } from './types';

/** The registry session of Plan Changes' connector planner: it reads the registry, never appends. */
export function registryViewSessionOver(
  connect: (cluster: ClusterRef) => Promise<KafkaConnectionConfig>,
): RegistrySession {
  return async (cluster, operation, fn) =>
    withAdminAndRegistryView(await connect(cluster), operation, (_admin, registry) => fn(registry));
}
