import { isRetriable } from '../errors/retriable';

/** Where a Kafka failure happened; never holds credentials. */
export interface KafkaErrorContext {
  cluster?: string;
  brokers?: string[];
  topic?: string;
  partition?: number;
  group?: string;
  principal?: string;
  operation?: string;
}

/** Base class of the Kafka errors our tasks throw; Step Functions match on `name`. */
export class KafkaError extends Error {
  readonly context: KafkaErrorContext;

  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KafkaError';
    this.context = options.context ?? {};
  }
}

/** The connection config is unusable (bad broker list, auth scheme, secret reference). Not retriable. */
export class KafkaConfigError extends KafkaError {
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaConfigError';
  }
}

/** The brokers refused our credentials (SASL authentication failed). Not retriable: fix the secret. */
export class KafkaAuthenticationError extends KafkaError {
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaAuthenticationError';
  }
}

/** Authenticated, but ACLs deny the operation (topic, group, cluster or transactional id). Not retriable. */
export class KafkaAuthorizationError extends KafkaError {
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaAuthorizationError';
  }
}

/** No broker could be reached or the connection dropped. Retriable. */
export class KafkaConnectionError extends KafkaError {
  static readonly retriable = true;
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaConnectionError';
  }
}

/** The broker asked us to come back later: no leader/coordinator yet, throttled, timed out. Retriable. */
export class KafkaRetriableError extends KafkaError {
  static readonly retriable = true;
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaRetriableError';
  }
}

/** Any other broker error (invalid config, policy violation …). Not retriable. */
export class KafkaOperationError extends KafkaError {
  constructor(message: string, options: { cause?: unknown; context?: KafkaErrorContext } = {}) {
    super(message, options);
    this.name = 'KafkaOperationError';
  }
}

/** Kafka protocol errors (kafkajs `type`) that mean "try again later" even when retries ran out. */
export const RETRIABLE_KAFKA_ERROR_TYPES: ReadonlySet<string> = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION', // NOT_LEADER_OR_FOLLOWER in Kafka ≥ 2.6
  'GROUP_COORDINATOR_NOT_AVAILABLE', // COORDINATOR_NOT_AVAILABLE
  'NOT_COORDINATOR_FOR_GROUP', // NOT_COORDINATOR
  'GROUP_LOAD_IN_PROGRESS', // COORDINATOR_LOAD_IN_PROGRESS
  'THROTTLING_QUOTA_EXCEEDED',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_CONTROLLER',
  'NOT_ENOUGH_REPLICAS',
  'REBALANCE_IN_PROGRESS',
  'CONCURRENT_TRANSACTIONS',
  'KAFKA_STORAGE_ERROR',
]);

const AUTHORIZATION_TYPES: ReadonlySet<string> = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

const CONNECTION_NAMES: ReadonlySet<string> = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
]);

interface KafkaJsLike {
  name?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

/** The error and the errors it wraps (kafkajs `cause`/`originalError`, as after retries run out). */
function* chain(error: unknown): Generator<KafkaJsLike> {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    yield current as KafkaJsLike;
    const next = (current as KafkaJsLike).cause ?? (current as KafkaJsLike).originalError;
    current = next === current ? undefined : next;
  }
}

/** True when retrying later may succeed: our classes' `retriable` flag, kafkajs `retriable`, or a retriable protocol type. */
export function isRetriableKafkaError(error: unknown): boolean {
  for (const link of chain(error)) {
    if (link instanceof KafkaError) {
      return isRetriable(link);
    }
    if (link.name === 'KafkaJSSASLAuthenticationError' || AUTHORIZATION_TYPES.has(link.type ?? ''))
      return false;
    if (link.type && RETRIABLE_KAFKA_ERROR_TYPES.has(link.type)) return true;
    if (link.name && CONNECTION_NAMES.has(link.name)) return true;
    if (link.retriable === true) return true;
  }
  return false;
}

/** Maps any error a Kafka client threw to one of our typed errors, keeping it as `cause`. */
export function toKafkaError(error: unknown, context: KafkaErrorContext = {}): KafkaError {
  if (error instanceof KafkaError) return error;
  const links = [...chain(error)];
  const message = error instanceof Error ? error.message : String(error);
  const options = { cause: error, context };
  if (links.some((link) => link.name === 'KafkaJSSASLAuthenticationError')) {
    return new KafkaAuthenticationError(message, options);
  }
  if (links.some((link) => AUTHORIZATION_TYPES.has(link.type ?? ''))) {
    return new KafkaAuthorizationError(message, options);
  }
  if (links.some((link) => link.name !== undefined && CONNECTION_NAMES.has(link.name))) {
    return new KafkaConnectionError(message, options);
  }
  if (isRetriableKafkaError(error)) return new KafkaRetriableError(message, options);
  return new KafkaOperationError(message, options);
}
