import { AwsThrottledError, CompensationIncompleteError } from '../../../../tasks/onboarding/errors';
import { ClusterVersionConflictError } from '../../../../tasks/onboarding/privateAccess/errors';
import { isRetriable } from '../../../../tasks/shared/errors/retriable';
import { KafkaAuthenticationError, KafkaRetriableError } from '../../../../tasks/shared/kafka/errors';
import { SecretAccessError, SecretThrottledError } from '../../../../tasks/shared/secrets/errors';

describe('isRetriable (what Undo Changes rethrows for the state to retry)', () => {
  it('is true for every class that says retriable, whatever area it comes from', () => {
    // Assess
    expect(isRetriable(new KafkaRetriableError('no leader'))).toBe(true);
    expect(isRetriable(new AwsThrottledError('DescribeSecret', 'x'))).toBe(true);
    expect(isRetriable(new SecretThrottledError('AmazonMSK_a', 'read'))).toBe(true);
    expect(isRetriable(new ClusterVersionConflictError('arn:cluster', 'UpdateConnectivity'))).toBe(true);
  });

  it('is false for errors a retry cannot fix and for anything that is not an Error', () => {
    // Assess
    expect(isRetriable(new SecretAccessError('AmazonMSK_a', 'read'))).toBe(false);
    expect(isRetriable(new KafkaAuthenticationError('bad password'))).toBe(false);
    expect(isRetriable(new CompensationIncompleteError([]))).toBe(false);
    expect(isRetriable(new Error('plain'))).toBe(false);
    expect(isRetriable({ name: 'KafkaRetriableError' })).toBe(false);
  });
});
