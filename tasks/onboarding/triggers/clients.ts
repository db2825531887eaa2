import { kafkaTaskDeps } from '../kafka/clients';
import { privateAccessDeps } from '../privateAccess/clients';
import { registryAccessVia } from '../registry/access';
import type { TriggerDeps } from './registryClaims';

/**
 * The deps of the trigger steps that record in the ownership registry (Ensure Event Source Mappings,
 * Remove Triggers): this container's private access clients, and the registry in the cluster, reached as
 * the Kafka-facing tasks reach it (VPC, admin secret). Kept apart so the other private access tasks do
 * not load the Kafka clients.
 */
export const triggerRegistryDeps: TriggerDeps = {
  ...privateAccessDeps,
  registry: registryAccessVia(kafkaTaskDeps.connect),
};
