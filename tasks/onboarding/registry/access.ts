import type { ClusterRef } from '../contracts';
import type { ConnectionResolver } from '../kafka/clusterConnection';
import type { Registry } from './registry';
import { withAdminAndRegistry } from './session';

/**
 * Runs `fn` with the ownership registry of `cluster` (its registry topic), for steps that act on AWS
 * rather than on Kafka (MSK secrets and associations) but record their intents and outcomes there too.
 */
export type RegistryAccess = <T>(
  cluster: ClusterRef,
  operation: string,
  fn: (registry: Registry) => Promise<T>,
) => Promise<T>;

/** Registry access through the cluster's admin connection (the one the Kafka-facing tasks use). */
export function registryAccessVia(connect: ConnectionResolver): RegistryAccess {
  return async (cluster, operation, fn) =>
    withAdminAndRegistry(await connect(cluster), operation, (_admin, registry) => fn(registry));
}
