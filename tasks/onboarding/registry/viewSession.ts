import type { Admin } from '@platformatic/kafka';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { kafkaRegistryLog } from './kafkaLog';
import type { Registry } from './registry';
import { withAdminAndRegistryLog } from './sessionCore';

/**
 * withAdminAndRegistry for a step that only reads the registry (Plan Changes): the registry has no producer, so
 * an append fails with RegistryReadOnlyError, and a bundle importing only this carries no Kafka Producer.
 */
export async function withAdminAndRegistryView<T>(
  config: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin, registry: Registry) => Promise<T>,
  deps: KafkaAuthDeps = {},
): Promise<T> {
  return withAdminAndRegistryLog(
    config,
    operation,
    fn,
    (_options, consumer, key) => ({ log: kafkaRegistryLog(consumer, undefined, key), close: async () => {} }),
    deps,
  );
}
