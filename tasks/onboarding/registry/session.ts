import { type Admin, Producer } from '@platformatic/kafka';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { kafkaRegistryLog } from './kafkaLog';
import type { Registry } from './registry';
import { withAdminAndRegistryLog } from './sessionCore';

/**
 * Runs `fn` with a @platformatic/kafka Admin and the cluster's ownership registry (read and append), and
 * closes both. The registry topic is created (and locked to the admin) on first use. Failures come out as our
 * typed Kafka errors, with `operation` in their context.
 */
export async function withAdminAndRegistry<T>(
  config: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin, registry: Registry) => Promise<T>,
  deps: KafkaAuthDeps = {},
): Promise<T> {
  return withAdminAndRegistryLog(
    config,
    operation,
    fn,
    (options, consumer, key) => {
      // acks=all and no idempotence: a retried append writes the same record twice, which folds the same.
      const producer = new Producer({ ...options, acks: -1, idempotent: false, retries: 2 });
      return { log: kafkaRegistryLog(consumer, producer, key), close: () => producer.close() };
    },
    deps,
  );
}
