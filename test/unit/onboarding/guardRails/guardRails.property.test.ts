import fc from 'fast-check';
import {
  type ClusterFacts,
  DEFAULT_POLICY,
  isListRule,
  onboardingGuardRailIssues,
  type PlatformPolicy,
} from '../../../../tasks/onboarding/guardRails';
import type { Grant, TopicSpec } from '../../../../tasks/onboarding/request';

/**
 * Property tests of the guard rails over generated requests, policies and cluster facts:
 * 1. every accepted request satisfies every bound (checked here against the rules as the README states them);
 * 2. every bound a request breaks is reported, naming that field.
 */

const KEYS = [...Object.keys(DEFAULT_POLICY.topicConfig), 'unclean.leader.election.enable', 'flush.ms'];

/** Values near every bound of every rule, plus junk. */
const value = fc.oneof(
  fc.integer({ min: -2, max: 2_147_483_647 }).map(String),
  fc.constantFrom('-1', '0', '1', '2', '3', '1023', '1024', '1048575', '1048576', '1073741824', '1073741825'),
  fc.constantFrom('3599999', '3600000', '1048588', '1048589', '2000000', '1h', '1.5', '', ' 5'),
  fc.constantFrom(
    'delete',
    'compact',
    'compact,delete',
    'delete,compact',
    'compact,compact',
    'zstd',
    'gzip',
    'x',
  ),
  fc.constantFrom('CreateTime', 'LogAppendTime', 'producer'),
);

const topicName = fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/);

const topic: fc.Arbitrary<TopicSpec> = fc.record(
  {
    name: topicName,
    partitions: fc.oneof(fc.integer({ min: 1, max: 1_200 }), fc.constantFrom(1, 1_000, 1_001)),
    replicationFactor: fc.integer({ min: 1, max: 6 }),
    config: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }),
  },
  { requiredKeys: ['name', 'partitions', 'config'] },
);

const prefix = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.constantFrom('.', '-', '_')).map(([s, sep]) => s + sep),
);

const grant: fc.Arbitrary<Grant> = fc.oneof(
  fc.record({
    role: fc.constant('consumer' as const),
    topic: prefix,
    patternType: fc.constantFrom('literal' as const, 'prefixed' as const),
    group: prefix,
    groupPatternType: fc.constantFrom('literal' as const, 'prefixed' as const),
  }),
  fc.record({
    role: fc.constant('producer' as const),
    topic: prefix,
    patternType: fc.constantFrom('literal' as const, 'prefixed' as const),
    idempotent: fc.boolean(),
  }),
);

const facts: fc.Arbitrary<ClusterFacts> = fc.record(
  {
    messageMaxBytes: fc.constantFrom(1_048_588, 2_097_152, 8_388_608),
    defaultReplicationFactor: fc.integer({ min: 1, max: 3 }),
    brokerCount: fc.integer({ min: 1, max: 6 }),
    existingReplicationFactors: fc.constant({}),
  },
  { requiredKeys: ['existingReplicationFactors'] },
);

const policy: fc.Arbitrary<PlatformPolicy> = fc
  .record({
    minLength: fc.integer({ min: 3, max: 10 }),
    maxPartitions: fc.integer({ min: 1, max: 2_000 }),
    allowInfinite: fc.boolean(),
  })
  .map(({ minLength, maxPartitions, allowInfinite }) => ({
    ...DEFAULT_POLICY,
    partitions: { min: 1, max: maxPartitions },
    prefixes: { ...DEFAULT_POLICY.prefixes, minLength },
    topicConfig: {
      ...DEFAULT_POLICY.topicConfig,
      'retention.ms': { ...DEFAULT_POLICY.topicConfig['retention.ms'], allowMinusOne: allowInfinite },
    },
  }));

const request = fc.record({
  topics: fc.uniqueArray(topic, { maxLength: 4, selector: (t) => t.name }),
  grants: fc.array(grant, { maxLength: 3 }),
});

/** The bounds as the README states them: the fields of a request that break one. */
function violatedFields(
  r: { topics: TopicSpec[]; grants: Grant[] },
  p: PlatformPolicy,
  f: ClusterFacts,
): Set<string> {
  const bad = new Set<string>();
  r.topics.forEach((t, i) => {
    if (t.partitions < p.partitions.min || t.partitions > p.partitions.max)
      bad.add(`topics[${i}].partitions`);
    if (
      t.replicationFactor !== undefined &&
      f.brokerCount !== undefined &&
      t.replicationFactor > f.brokerCount
    )
      bad.add(`topics[${i}].replicationFactor`);
    const rf = t.replicationFactor ?? f.defaultReplicationFactor;
    for (const [key, v] of Object.entries(t.config)) {
      const path = `topics[${i}].config[${JSON.stringify(key)}]`;
      const rule = p.topicConfig[key];
      if (!rule) {
        bad.add(path);
      } else if (isListRule(rule)) {
        const parts = rule.multiple ? v.split(',') : [v];
        if (parts.some((x) => !rule.values.includes(x)) || new Set(parts).size !== parts.length)
          bad.add(path);
      } else {
        const n = Number(v);
        const integer = /^-?[0-9]+$/.test(v);
        const inRange =
          (rule.min === undefined || n >= rule.min) && (rule.max === undefined || n <= rule.max);
        const ok =
          integer &&
          (n === -1 ? rule.allowMinusOne === true : inRange) &&
          !(key === 'max.message.bytes' && f.messageMaxBytes !== undefined && n > f.messageMaxBytes) &&
          !(key === 'min.insync.replicas' && n > 1 && (rf === undefined || n >= rf));
        if (!ok) bad.add(path);
      }
    }
  });
  r.grants.forEach((g, i) => {
    const shapeBad = (s: string) =>
      s.length < p.prefixes.minLength || !p.prefixes.separators.some((sep) => s.endsWith(sep));
    if (g.patternType === 'prefixed' && shapeBad(g.topic)) bad.add(`grants[${i}].topic`);
    if (g.role === 'consumer' && g.groupPatternType === 'prefixed' && shapeBad(g.group))
      bad.add(`grants[${i}].group`);
  });
  return bad;
}

describe('guard rails (property)', () => {
  it('report exactly the fields that break a bound: accepted requests satisfy every bound, every violation is named', () => {
    fc.assert(
      fc.property(request, policy, facts, (r, p, f) => {
        // Act
        const issues = onboardingGuardRailIssues({ principal: 'team-app', ...r }, p, f);

        // Assess
        expect(new Set(issues.map((i) => i.path))).toEqual(violatedFields(r, p, f));
        for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 500 },
    );
  });

  it('accept a request again once every named field is taken out, and never depend on order of calls', () => {
    fc.assert(
      fc.property(request, policy, facts, (r, p, f) => {
        // Prepare
        const issues = onboardingGuardRailIssues({ principal: 'team-app', ...r }, p, f);
        const bad = new Set(issues.map((i) => i.path));
        const topics = r.topics
          .map((t, i) => ({
            ...t,
            config: Object.fromEntries(
              Object.entries(t.config).filter(([k]) => !bad.has(`topics[${i}].config[${JSON.stringify(k)}]`)),
            ),
          }))
          .filter(
            (_, i) => !bad.has(`topics[${i}].partitions`) && !bad.has(`topics[${i}].replicationFactor`),
          );
        const grants = r.grants.filter(
          (_, i) => !bad.has(`grants[${i}].topic`) && !bad.has(`grants[${i}].group`),
        );

        // Act
        const again = onboardingGuardRailIssues({ principal: 'team-app', topics, grants }, p, f);
        const repeated = onboardingGuardRailIssues({ principal: 'team-app', ...r }, p, f);

        // Assess
        expect(again).toEqual([]);
        expect(repeated).toEqual(issues);
      }),
      { numRuns: 300 },
    );
  });
});
