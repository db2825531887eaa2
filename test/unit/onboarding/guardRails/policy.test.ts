import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../../scripts/local/paths';
import {
  DEFAULT_POLICY,
  PLATFORM_POLICY_ENV,
  PlatformPolicyError,
  parsePlatformPolicy,
  parsePlatformPolicyText,
  platformPolicyFromEnv,
} from '../../../../tasks/onboarding/guardRails';
import {
  PLATFORM_POLICY_SCHEMA_FILE,
  platformPolicyJsonSchema,
} from '../../../../tasks/onboarding/guardRails/jsonSchema';

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
    expect(parse).toThrow(/platform policy \.local\/platform-policy\.json is invalid: not valid JSON/);
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

describe('the example policies', () => {
  it.each([
    ['examples/platform-policy.json', (raw: unknown) => raw],
    [
      'examples/cdk.context.json',
      (raw: unknown) => (raw as Record<string, unknown>)['msk-flows:platformPolicy'],
    ],
  ])('%s is a valid platform policy', (file, pick) => {
    // Prepare
    const raw = pick(JSON.parse(readFileSync(join(repoRoot(), file), 'utf8')));

    // Act
    const policy = parsePlatformPolicy(raw, file);

    // Assess
    expect(policy.reservedPrincipals).toContain('ANONYMOUS');
  });
});

describe('platform policy JSON Schema', () => {
  it('is committed exactly as generated from the zod schema (regenerate: npm run schemas)', () => {
    // Prepare
    const committed = JSON.parse(readFileSync(join(repoRoot(), PLATFORM_POLICY_SCHEMA_FILE), 'utf8'));

    // Act
    const generated = platformPolicyJsonSchema();

    // Assess
    expect(committed).toEqual(generated);
  });
});

describe('the README', () => {
  it('lists every default topic config key in "Guard rails and the platform policy"', () => {
    // Prepare
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Guard rails and the platform policy'));

    // Act
    const missing = Object.keys(DEFAULT_POLICY.topicConfig).filter((key) => !section.includes(`\`${key}\``));

    // Assess
    expect(missing).toEqual([]);
    expect(section).toContain(`≥ ${DEFAULT_POLICY.prefixes.minLength} characters`);
    expect(section).toContain(`${DEFAULT_POLICY.partitions.min}–${DEFAULT_POLICY.partitions.max}`);
  });
});
