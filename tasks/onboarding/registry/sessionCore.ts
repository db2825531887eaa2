import { Admin, Consumer } from '@platformatic/kafka';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import type { KafkaConnectionConfig } from '../../shared/kafka/config';
import { platformaticAdminOptions } from '../kafka/platformaticAdmin';
import { toKafkaErrorFromPlatformatic } from '../kafka/platformaticErrors';
import { Registry } from './registry';
import { ensureRegistryTopic } from './registryTopic';
import type { RegistryLog } from './types';

/** Connections whose registry topic is known to exist (per Lambda container / process). */
const ensured = new Set<string>();

/** The client options of a session, and its registry reader (a consumer) for `openLog`. */
type ClientOptions = Awaited<ReturnType<typeof platformaticAdminOptions>>;

/** How a session writes (or not): the log over `consumer`, and what to close after. */
export type LogOpener = (
  options: ClientOptions,
  consumer: Consumer,
  cacheKey: string,
) => { log: RegistryLog; close(): Promise<unknown> };

/**
 * Runs `fn` with a @platformatic/kafka Admin and the cluster's ownership registry over the log `openLog` makes,
 * and closes them. The registry topic is created (and locked to the admin) on first use. Failures come out as
 * our typed Kafka errors, with `operation` in their context. This module never imports a Producer: a planner's
 * bundle that only reads the registry carries none (registry/viewSession.ts).
 */
export async function withAdminAndRegistryLog<T>(
  config: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin, registry: Registry) => Promise<T>,
  openLog: LogOpener,
  deps: KafkaAuthDeps = {},
): Promise<T> {
  const options = await platformaticAdminOptions(config, deps);
  const admin = new Admin(options);
  const consumer = new Consumer({ ...options, groupId: 'msk-flows-registry-reader' });
  const key = JSON.stringify([config.brokers, config.cluster]);
  const { log, close } = openLog(options, consumer, key);
  try {
    if (!ensured.has(key)) {
      const sasl = options.sasl as { mechanism?: string; username?: string } | undefined;
      await ensureRegistryTopic(admin, sasl?.mechanism?.startsWith('SCRAM') ? sasl.username : undefined);
      ensured.add(key);
    }
    return await fn(admin, new Registry(log));
  } catch (error) {
    throw toKafkaErrorFromPlatformatic(error, { cluster: config.cluster, operation });
  } finally {
    await Promise.allSettled([admin.close(), consumer.close(), close()]);
  }
}
