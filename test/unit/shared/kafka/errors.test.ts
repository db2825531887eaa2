import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import {
  isRetriableKafkaError,
  KafkaAuthenticationError,
  KafkaAuthorizationError,
  KafkaConnectionError,
  KafkaOperationError,
  KafkaRetriableError,
  toKafkaError,
} from '../../../../tasks/shared/kafka/errors';

/** A kafkajs protocol error as the client raises it for a broker error code. */
function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(`broker said ${type}`), { type, retriable }));
}

function saslError(): Error {
  return Object.assign(new Error('SASL SCRAM SHA512 authentication failed'), {
    name: 'KafkaJSSASLAuthenticationError',
    retriable: false,
  });
}

describe('isRetriableKafkaError', () => {
  it.each([
    ['LEADER_NOT_AVAILABLE', true],
    ['GROUP_COORDINATOR_NOT_AVAILABLE', true],
    ['NOT_COORDINATOR_FOR_GROUP', true],
    ['THROTTLING_QUOTA_EXCEEDED', false],
  ])('says retriable for %s even when kafkajs flags retriable=%s', (type, flag) => {
    // Act
    const retriable = isRetriableKafkaError(protocolError(type, flag));

    // Assess
    expect(retriable).toBe(true);
  });

  it.each(['TOPIC_AUTHORIZATION_FAILED', 'INVALID_CONFIG', 'POLICY_VIOLATION'])(
    'says not retriable for %s',
    (type) => {
      // Act
      const retriable = isRetriableKafkaError(protocolError(type, false));

      // Assess
      expect(retriable).toBe(false);
    },
  );

  it('looks through KafkaJSNumberOfRetriesExceeded at the error that exhausted the retries', () => {
    // Prepare
    const exhausted = new KafkaJSNumberOfRetriesExceeded(protocolError('LEADER_NOT_AVAILABLE', true), {
      retryCount: 5,
      retryTime: 1000,
    });

    // Act
    const retriable = isRetriableKafkaError(exhausted);

    // Assess
    expect(exhausted.retriable).toBe(false);
    expect(retriable).toBe(true);
  });

  it('never retries a SASL authentication failure or a programming error', () => {
    // Assess
    expect(isRetriableKafkaError(saslError())).toBe(false);
    expect(isRetriableKafkaError(new TypeError('x is undefined'))).toBe(false);
    expect(isRetriableKafkaError(new KafkaAuthenticationError('bad password'))).toBe(false);
  });

  it('retries exactly the typed errors whose class says retriable', () => {
    // Assess
    expect(isRetriableKafkaError(new KafkaOperationError('invalid config'))).toBe(false);
    expect(isRetriableKafkaError(new KafkaAuthorizationError('denied'))).toBe(false);
    expect(isRetriableKafkaError(new KafkaConnectionError('down'))).toBe(true);
    expect(isRetriableKafkaError(new KafkaRetriableError('later'))).toBe(true);
  });
});

describe('toKafkaError', () => {
  it.each([
    [saslError(), 'KafkaAuthenticationError'],
    [protocolError('GROUP_AUTHORIZATION_FAILED', false), 'KafkaAuthorizationError'],
    [new KafkaJSConnectionError('Connection error: ECONNREFUSED'), 'KafkaConnectionError'],
    [protocolError('LEADER_NOT_AVAILABLE', true), 'KafkaRetriableError'],
    [protocolError('INVALID_REPLICATION_FACTOR', false), 'KafkaOperationError'],
  ])('maps %p to %s', (error, name) => {
    // Act
    const typed = toKafkaError(error, { cluster: 'orders', topic: 'payments' });

    // Assess
    expect(typed.name).toBe(name);
    expect(typed.cause).toBe(error);
    expect(typed.context).toEqual({ cluster: 'orders', topic: 'payments' });
    expect(typed).toBeInstanceOf(Error);
  });

  it('returns our typed errors unchanged', () => {
    // Prepare
    const original = new KafkaRetriableError('later', { context: { topic: 't' } });

    // Act
    const typed = toKafkaError(original, { topic: 'other' });

    // Assess
    expect(typed).toBe(original);
  });
});
