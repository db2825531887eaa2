import { type Admin, Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { SecretError } from '../secrets/errors';
import { type KafkaAuthDeps, resolveSasl } from './auth';
import { connectionKey, type KafkaConnectionConfig, usesTls } from './config';
import { KafkaConfigError } from './errors';

/** Per-call tuning of the kafkajs client (health checks poll with short timeouts and no logs). */
export interface KafkaClientOptions {
  logLevel?: logLevel;
  connectionTimeout?: number;
  requestTimeout?: number;
  retries?: number;
}

/** Dependencies of client creation. */
export interface KafkaClientDeps extends KafkaAuthDeps {
  options?: KafkaClientOptions;
}

function validate(config: KafkaConnectionConfig): void {
  const problems: string[] = [];
  if (config.brokers.length === 0) problems.push('brokers: at least one broker is required');
  for (const broker of config.brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) problems.push(`brokers: '${broker}' is not host:port`);
  }
  if (config.auth.type === 'iam' && !config.auth.region) problems.push('auth.region: required for IAM');
  if (problems.length > 0) {
    throw new KafkaConfigError(`Invalid Kafka connection config: ${problems.join('; ')}`, {
      context: { cluster: config.cluster, brokers: config.brokers },
    });
  }
}

/** The kafkajs config for a connection (resolves SCRAM credentials; no network to the brokers). */
export async function buildKafkaConfig(
  config: KafkaConnectionConfig,
  deps: KafkaClientDeps = {},
): Promise<KafkaConfig> {
  validate(config);
  let sasl: KafkaConfig['sasl'];
  try {
    sasl = await resolveSasl(config.auth, deps);
  } catch (error) {
    if (error instanceof SecretError) throw error;
    throw new KafkaConfigError(`Cannot set up ${config.auth.type} authentication`, {
      cause: error,
      context: { cluster: config.cluster, brokers: config.brokers },
    });
  }
  const options = deps.options ?? {};
  return {
    clientId: config.clientId ?? 'msk-flows',
    brokers: config.brokers,
    ssl: usesTls(config.auth),
    sasl,
    connectionTimeout: options.connectionTimeout ?? 5_000,
    requestTimeout: options.requestTimeout ?? 30_000,
    retry: options.retries === undefined ? undefined : { retries: options.retries },
    logLevel: options.logLevel ?? logLevel.WARN,
  };
}

/** A new kafkajs client for the connection; prefer getKafka() in tasks. */
export async function createKafka(config: KafkaConnectionConfig, deps: KafkaClientDeps = {}): Promise<Kafka> {
  return new Kafka(await buildKafkaConfig(config, deps));
}

const clients = new Map<string, Promise<Kafka>>();

/** The container's client for this connection: created once, reused across invocations. */
export function getKafka(config: KafkaConnectionConfig, deps: KafkaClientDeps = {}): Promise<Kafka> {
  const key = connectionKey(config);
  let client = clients.get(key);
  if (!client) {
    client = createKafka(config, deps);
    clients.set(key, client);
    // A failed creation (secret unreadable) must not be cached.
    const created = client;
    void created.catch(() => {
      if (clients.get(key) === created) clients.delete(key);
    });
  }
  return client;
}

/** Forgets every cached client (tests; or after a credential rotation made the cached one fail). */
export function resetKafkaClients(): void {
  clients.clear();
}

/** Runs `fn` with a connected admin client and always disconnects it. */
export async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}
