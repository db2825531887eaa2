import {
  connectorGroupFor,
  executionNameFor,
  kafkaPrincipalFor,
  secretNameFor,
} from '../../../../tasks/onboarding/request/names';

describe('request names', () => {
  it('names the SCRAM secret AmazonMSK_<principal>', () => {
    // Prepare
    const principal = 'orders-analytics';

    // Act
    const name = secretNameFor(principal);

    // Assess
    expect(name).toBe('AmazonMSK_orders-analytics');
  });

  it('names the Kafka principal User:<principal>', () => {
    // Prepare
    const principal = 'orders-analytics';

    // Act
    const name = kafkaPrincipalFor(principal);

    // Assess
    expect(name).toBe('User:orders-analytics');
  });

  it('names a sink connector group connect-<connector>', () => {
    // Prepare
    const connector = 'orders-sink';

    // Act
    const group = connectorGroupFor(connector);

    // Assess
    expect(group).toBe('connect-orders-sink');
  });

  it('uses the requestId as the execution name', () => {
    // Prepare
    const requestId = 'orders-analytics-001';

    // Act
    const name = executionNameFor(requestId);

    // Assess
    expect(name).toBe('orders-analytics-001');
  });

  it('appends a suffix and shortens the requestId to stay within 80 characters', () => {
    // Prepare
    const requestId = 'r'.repeat(80);

    // Act
    const name = executionNameFor(requestId, 'offboard');

    // Assess
    expect(name).toBe(`${'r'.repeat(71)}-offboard`);
    expect(name).toHaveLength(80);
  });
});
