import {
  KafkaAuthenticationError,
  KafkaAuthorizationError,
  KafkaConnectionError,
  KafkaError,
  type KafkaErrorContext,
  KafkaOperationError,
  KafkaRetriableError,
  RETRIABLE_KAFKA_ERROR_TYPES,
} from '../../shared/kafka/errors';

/** The fields of @platformatic/kafka errors we classify by (GenericError, MultipleErrors, ProtocolError). */
interface PlatformaticErrorLike {
  code?: unknown;
  apiId?: unknown;
  canRetry?: unknown;
  serverErrorMessage?: unknown;
  errors?: unknown;
  cause?: unknown;
  message?: unknown;
}

// Kafka's current names of retriable protocol errors; RETRIABLE_KAFKA_ERROR_TYPES holds kafkajs's older ones.
const RETRIABLE_IDS: ReadonlySet<string> = new Set([
  ...RETRIABLE_KAFKA_ERROR_TYPES,
  'NOT_LEADER_OR_FOLLOWER',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

const AUTHORIZATION_IDS: ReadonlySet<string> = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

function isPlatformaticError(error: unknown): error is PlatformaticErrorLike {
  const code = (error as PlatformaticErrorLike | null)?.code;
  return typeof code === 'string' && code.startsWith('PLT_KFK_');
}

/** Every error inside a @platformatic/kafka error (MultipleErrors nest: retries, per-broker calls). */
function leaves(error: unknown, depth = 0): PlatformaticErrorLike[] {
  if (depth > 8 || !error || typeof error !== 'object') return [];
  const e = error as PlatformaticErrorLike;
  const nested = [...(Array.isArray(e.errors) ? e.errors : []), ...(e.cause ? [e.cause] : [])];
  return [e, ...nested.flatMap((inner) => leaves(inner, depth + 1))];
}

/** Kafka protocol error names (`TOPIC_ALREADY_EXISTS` …) found anywhere inside a @platformatic/kafka error. */
export function protocolErrorIds(error: unknown): string[] {
  const ids = leaves(error)
    .map((leaf) => leaf.apiId)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/** True when the only protocol errors inside are `ids` (e.g. TOPIC_ALREADY_EXISTS on a rerun). */
export function onlyProtocolErrors(error: unknown, ...ids: string[]): boolean {
  const found = protocolErrorIds(error);
  return found.length > 0 && found.every((id) => ids.includes(id));
}

function describe(error: PlatformaticErrorLike, ids: string[]): string {
  const details = leaves(error)
    .map((leaf) => leaf.serverErrorMessage)
    .filter((message): message is string => typeof message === 'string' && message.length > 0);
  const base = typeof error.message === 'string' ? error.message : 'Kafka request failed';
  const extra = [...ids, ...new Set(details)].join('; ');
  return extra ? `${base} (${extra})` : base;
}

/**
 * Maps a @platformatic/kafka failure to our typed Kafka errors (the names the state machine retries or
 * catches); anything else (our own errors, bugs) is returned unchanged.
 */
export function toKafkaErrorFromPlatformatic(error: unknown, context: KafkaErrorContext = {}): unknown {
  if (error instanceof KafkaError || !isPlatformaticError(error)) return error;
  const all = leaves(error);
  const ids = protocolErrorIds(error);
  const options = { cause: error, context };
  const message = describe(error, ids);
  if (
    ids.includes('SASL_AUTHENTICATION_FAILED') ||
    all.some((leaf) => leaf.code === 'PLT_KFK_AUTHENTICATION')
  ) {
    return new KafkaAuthenticationError(message, options);
  }
  if (ids.some((id) => AUTHORIZATION_IDS.has(id))) return new KafkaAuthorizationError(message, options);
  if (ids.length > 0) {
    return ids.every((id) => RETRIABLE_IDS.has(id))
      ? new KafkaRetriableError(message, options)
      : new KafkaOperationError(message, options);
  }
  if (all.some((leaf) => leaf.code === 'PLT_KFK_NETWORK')) return new KafkaConnectionError(message, options);
  return new KafkaOperationError(message, options);
}
