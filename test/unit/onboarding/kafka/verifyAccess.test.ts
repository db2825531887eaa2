import { parseOnboardingRequest } from '../../../../tasks/onboarding/request';
import {
  MAX_VERIFY_ATTEMPTS,
  topicsToVerify,
  verifyWaitSeconds,
} from '../../../../tasks/onboarding/verifyAccess';

describe('verifyWaitSeconds', () => {
  it('grows 5, 10, 20, 40, 60, 80, 100 and is capped at 120', () => {
    // Prepare
    const attempts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12];

    // Act
    const waits = attempts.map(verifyWaitSeconds);

    // Assess
    expect(waits).toEqual([5, 10, 20, 40, 60, 80, 100, 120, 120, 120]);
  });

  it('waits about 15 minutes in all before the last attempt', () => {
    // Prepare
    const attempts = Array.from({ length: MAX_VERIFY_ATTEMPTS - 1 }, (_, i) => i + 1);

    // Act
    const total = attempts.reduce((sum, attempt) => sum + verifyWaitSeconds(attempt), 0);

    // Assess
    expect(total).toBeGreaterThanOrEqual(14 * 60);
    expect(total).toBeLessThanOrEqual(16 * 60);
  });
});

describe('topicsToVerify', () => {
  it('takes literal topic grants and the request topics under a prefixed grant', () => {
    // Prepare
    const request = parseOnboardingRequest({
      requestId: 'r-1',
      cluster: { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] },
      principal: 'orders-analytics',
      topics: [
        { name: 'orders.analytics.daily', partitions: 1 },
        { name: 'orders.analytics.hourly', partitions: 1 },
        { name: 'payments.events', partitions: 1 },
      ],
      grants: [
        { role: 'consumer', topic: 'orders.events', group: 'orders-analytics' },
        { role: 'producer', topic: 'orders.analytics.', patternType: 'prefixed' },
      ],
    });

    // Act
    const topics = topicsToVerify(request);

    // Assess
    expect(topics).toEqual(['orders.analytics.daily', 'orders.analytics.hourly', 'orders.events']);
  });
});
