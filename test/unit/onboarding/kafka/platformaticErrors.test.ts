import { AuthenticationError, MultipleErrors, NetworkError, ResponseError } from '@platformatic/kafka';
import { TopicConfigDriftError } from '../../../../tasks/onboarding/errors';
import {
  onlyProtocolErrors,
  protocolErrorIds,
  toKafkaErrorFromPlatformatic,
} from '../../../../tasks/onboarding/kafka/platformaticErrors';

/** A response error as @platformatic/kafka's admin wraps it after a failed call: MultipleErrors around it. */
function failedCall(...codes: [number, string][]): Error {
  const errors = Object.fromEntries(codes.map((code, i) => [`/results/${i}`, code]));
  return new MultipleErrors('Creating topics failed.', [new ResponseError(19, 7, errors, {})]);
}

describe('protocolErrorIds', () => {
  it('finds the Kafka error names nested in a failed call', () => {
    // Prepare
    const error = failedCall([36, 'Topic already exists'], [37, 'bad partitions']);

    // Act
    const ids = protocolErrorIds(error);

    // Assess
    expect(ids).toEqual(['TOPIC_ALREADY_EXISTS', 'INVALID_PARTITIONS']);
    expect(onlyProtocolErrors(error, 'TOPIC_ALREADY_EXISTS')).toBe(false);
    expect(onlyProtocolErrors(failedCall([91, 'no user']), 'RESOURCE_NOT_FOUND')).toBe(true);
  });
});

describe('toKafkaErrorFromPlatformatic', () => {
  it('maps a retriable protocol error to KafkaRetriableError with the server message', () => {
    // Prepare
    const error = failedCall([41, 'This is not the correct controller for this cluster.']);

    // Act
    const mapped = toKafkaErrorFromPlatformatic(error, { cluster: 'c1', operation: 'ensureTopics' });

    // Assess
    expect(mapped).toMatchObject({
      name: 'KafkaRetriableError',
      context: { cluster: 'c1', operation: 'ensureTopics' },
    });
    expect((mapped as Error).message).toContain('NOT_CONTROLLER');
  });

  it('maps an invalid config to KafkaOperationError (not retried)', () => {
    // Prepare
    const error = failedCall([40, 'Invalid value not-a-policy for configuration cleanup.policy']);

    // Act
    const mapped = toKafkaErrorFromPlatformatic(error);

    // Assess
    expect(mapped).toMatchObject({ name: 'KafkaOperationError' });
    expect((mapped as Error).message).toContain('cleanup.policy');
  });

  it('maps authorization, authentication and network failures to their typed errors', () => {
    // Prepare
    const denied = failedCall([29, 'denied']);
    const login = new MultipleErrors('x', [new AuthenticationError('SASL authentication failed')]);
    const network = new MultipleErrors('x', [new NetworkError('Connection closed')]);

    // Act
    const mapped = [denied, login, network].map(
      (error) => (toKafkaErrorFromPlatformatic(error) as Error).name,
    );

    // Assess
    expect(mapped).toEqual(['KafkaAuthorizationError', 'KafkaAuthenticationError', 'KafkaConnectionError']);
  });

  it('returns our own errors and foreign errors unchanged', () => {
    // Prepare
    const drift = new TopicConfigDriftError('t', 'partitions', 6, 3);
    const bug = new TypeError('x is undefined');

    // Act
    const mapped = [drift, bug].map((error) => toKafkaErrorFromPlatformatic(error));

    // Assess
    expect(mapped[0]).toBe(drift);
    expect(mapped[1]).toBe(bug);
  });
});
