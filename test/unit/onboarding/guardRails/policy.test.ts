import {
  DEFAULT_POLICY,
  PLATFORM_POLICY_ENV,
  PlatformPolicyError,
  parsePlatformPolicy,
  parsePlatformPolicyText,
  platformPolicyFromEnv,
} from '../../../../tasks/onboarding/guardRails';

describe('parsePlatformPolicy', () => {
  it('returns the defaults for an empty policy', () => {
    // Act
    const policy = parsePlatformPolicy({}, 'test');

    // Assess
    expect(policy).toEqual(DEFAULT_POLICY);
  });

  it('lays each given field over the defaults, key by key in topicConfig, null removing a key', () => {
    // Prepare
    const file = {
      reservedPrincipals: ['ops-break-glass'],
      partitions: { max: 60 },
      prefixes: { minLength: 10 },
      topicConfig: {
        'retention.ms': { min: 86_400_000, allowMinusOne: true },
        'segment.ms': null,
        'message.downconversion.enable': { values: ['false'] },
      },
    };

    // Act
    const policy = parsePlatformPolicy(file, 'test');

    // Assess
    expect(policy.reservedPrincipals).toEqual(['ops-break-glass']);
    expect(policy.partitions).toEqual({ min: 1, max: 60 });
    expect(policy.prefixes).toEqual({ minLength: 10, separators: ['.', '-', '_'] });
    expect(policy.topicConfig['retention.ms']).toEqual({ min: 86_400_000, allowMinusOne: true });
    expect(policy.topicConfig['segment.ms']).toBeUndefined();
    expect(policy.topicConfig['message.downconversion.enable']).toEqual({
      values: ['false'],
      multiple: false,
    });
    expect(policy.topicConfig['segment.bytes']).toEqual(DEFAULT_POLICY.topicConfig['segment.bytes']);
  });

  it('names every bad field of a malformed policy in one PlatformPolicyError', () => {
    // Prepare
    const file = {
      reservedPrincipals: ['User:admin'],
      partitions: { min: 10, max: 5 },
      prefixes: { minLength: 2, separators: ['/'] },
      topicConfig: { 'Retention.MS': { min: 1 }, 'segment.bytes': { min: 'big' } },
      retention: 1,
    };

    // Act
    const parse = () => parsePlatformPolicy(file, 'policy.json');

    // Assess
    expect(parse).toThrow(PlatformPolicyError);
    let message = '';
    try {
      parse();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('platform policy policy.json is invalid:');
    for (const part of [
      'reservedPrincipals[0]: not a principal name',
      'partitions.max: min must not exceed max',
      'prefixes.minLength:',
      'prefixes.separators[0]:',
      'topicConfig["Retention.MS"]',
      'topicConfig["segment.bytes"]',
      '(policy): ',
      'retention',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('refuses text that is not JSON, naming the source', () => {
    // Act
    const parse = () => parsePlatformPolicyText('{ nope', '.local/platform-policy.json');

    // Assess
    expect(parse).toThrow(/platform policy \.local\/platform-policy\.json is invalid: not JSON/);
  });

  it('reads MSK_FLOWS_PLATFORM_POLICY, or falls back to the defaults', () => {
    // Act
    const fromEnv = platformPolicyFromEnv({ [PLATFORM_POLICY_ENV]: '{"partitions":{"max":12}}' });
    const none = platformPolicyFromEnv({});

    // Assess
    expect(fromEnv.partitions).toEqual({ min: 1, max: 12 });
    expect(none).toBe(DEFAULT_POLICY);
  });
});
