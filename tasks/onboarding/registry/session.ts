import { Admin, Consumer, Producer } from '@platformatic/kafka';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { platformaticAdminOptions } from '../kafka/platformaticAdmin';
import { toKafkaErrorFromPlatformatic } from '../kafka/platformaticErrors';
import { kafkaRegistryLog } from './kafkaLog';
import { Registry } from './registry';
import { ensureRegistryTopic } from './registryTopic';

/** Connections whose registry topic is known to exist (per Lambda container / process). */
const ensured = new Set<string>();

/**
 * Runs `fn` with a @platformatic/kafka Admin and the cluster's ownership registry, and closes both.
 * The registry topic is created (and locked to the admin) on first use. Failures come out as our typed
 * Kafka errors, with `operation` in their context.
 */
export async function withAdminAndRegistry<T>(
  config: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin, registry: Registry) => Promise<T>,
  deps: KafkaAuthDeps = {},
): Promise<T> {
  const options = await platformaticAdminOptions(config, deps);
  const admin = new Admin(options);
  const consumer = new Consumer({ ...options, groupId: 'msk-flows-registry-reader' });
  // acks=all and no idempotence: a retried append writes the same record twice, which folds the same.
  const producer = new Producer({ ...options, acks: -1, idempotent: false, retries: 2 });
  try {
    const key = JSON.stringify([config.brokers, config.cluster]);
    if (!ensured.has(key)) {
      const sasl = options.sasl as { mechanism?: string; username?: string } | undefined;
      await ensureRegistryTopic(admin, sasl?.mechanism?.startsWith('SCRAM') ? sasl.username : undefined);
      ensured.add(key);
    }
    return await fn(admin, new Registry(kafkaRegistryLog(consumer, producer, key)));
  } catch (error) {
    throw toKafkaErrorFromPlatformatic(error, { cluster: config.cluster, operation });
  } finally {
    await Promise.allSettled([admin.close(), consumer.close(), producer.close()]);
  }
}
