import { Admin, type AdminOptions, type Connection } from '@platformatic/kafka';
import type { KafkaAuthDeps } from '../../shared/kafka/auth';
import { type KafkaConnectionConfig, usesTls } from '../../shared/kafka/config';
import { KafkaConfigError, KafkaConnectionError } from '../../shared/kafka/errors';
import { generateMskIamToken } from '../../shared/kafka/mskIamToken';
import { SecretError } from '../../shared/secrets/errors';
import { readScramCredentials } from '../../shared/secrets/scramCredentials';
import { toKafkaErrorFromPlatformatic } from './platformaticErrors';

/**
 * @platformatic/kafka admin options for a connection. We use it where kafkajs has no API: KIP-339
 * IncrementalAlterConfigs (kafkajs `alterConfigs` replaces a topic's whole dynamic config) and KIP-554
 * SCRAM credentials. Holds the password in memory when SCRAM: never log the result.
 */
export async function platformaticAdminOptions(
  config: KafkaConnectionConfig,
  deps: KafkaAuthDeps = {},
): Promise<AdminOptions> {
  const options: AdminOptions = {
    clientId: config.clientId ?? 'msk-flows',
    bootstrapBrokers: config.brokers,
    connectTimeout: 5_000,
    timeout: 30_000,
    // Few quick retries inside a call; longer waits are the state machine's Retry (KafkaRetriableError).
    retries: 2,
    retryDelay: 500,
    tls: usesTls(config.auth) ? {} : undefined,
  };
  const { auth } = config;
  try {
    if (auth.type === 'scram') {
      const { username, password } = await readScramCredentials(auth.secret, deps);
      options.sasl = { mechanism: 'SCRAM-SHA-512', username, password };
    } else if (auth.type === 'iam') {
      const sign = deps.generateAuthToken ?? generateMskIamToken;
      // A fresh signed token on every (re)authentication (MSK IAM over SASL/OAUTHBEARER).
      options.sasl = {
        mechanism: 'OAUTHBEARER',
        token: async () => (await sign({ region: auth.region })).token,
      };
    }
  } catch (error) {
    if (error instanceof SecretError) throw error;
    throw new KafkaConfigError(`Cannot set up ${auth.type} authentication`, {
      cause: error,
      context: { cluster: config.cluster, brokers: config.brokers },
    });
  }
  return options;
}

/**
 * Runs `fn` with a @platformatic/kafka Admin for the connection and always closes it; failures come
 * out as our typed Kafka errors (KafkaRetriableError …), with `operation` in their context.
 */
export async function withPlatformaticAdmin<T>(
  config: KafkaConnectionConfig,
  operation: string,
  fn: (admin: Admin) => Promise<T>,
  deps: KafkaAuthDeps = {},
): Promise<T> {
  const admin = new Admin(await platformaticAdminOptions(config, deps));
  try {
    return await fn(admin);
  } catch (error) {
    throw toKafkaErrorFromPlatformatic(error, { cluster: config.cluster, operation });
  } finally {
    await admin.close();
  }
}

/**
 * A connection to the active controller, for the raw APIs the Admin does not wrap: ZooKeeper-mode
 * brokers answer NOT_CONTROLLER otherwise (KRaft brokers forward, and report some broker as controller).
 */
export async function controllerConnection(admin: Admin): Promise<Connection> {
  const { controllerId } = await admin.metadata({ topics: [] });
  const connection =
    (await admin.connectToBrokers([controllerId])).get(controllerId) ??
    [...(await admin.connectToBrokers()).values()][0];
  if (!connection) throw new KafkaConnectionError('No broker reachable');
  return connection;
}
