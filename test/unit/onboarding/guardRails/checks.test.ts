import {
  clusterOwnershipView,
  DEFAULT_POLICY,
  NO_FACTS,
  onboardingGuardRailIssues,
  parseSuperUsers,
  prefixOwnershipIssues,
  reservedReasons,
} from '../../../../tasks/onboarding/guardRails';
import type { Grant, TopicSpec } from '../../../../tasks/onboarding/request';

const topic = (config: Record<string, string>, extra: Partial<TopicSpec> = {}): TopicSpec => ({
  name: 'orders.events',
  partitions: 3,
  config,
  ...extra,
});
const issuesOf = (topics: TopicSpec[], grants: Grant[] = [], facts = NO_FACTS, principal = 'orders-app') =>
  onboardingGuardRailIssues({ principal, topics, grants }, DEFAULT_POLICY, facts);

describe('onboardingGuardRailIssues', () => {
  it('accepts a request within every default bound', () => {
    // Act
    const issues = issuesOf(
      [
        topic(
          { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete', 'min.insync.replicas': '2' },
          { replicationFactor: 3 },
        ),
      ],
      [{ role: 'producer', topic: 'orders.analytics.', patternType: 'prefixed', idempotent: true }],
    );

    // Assess
    expect(issues).toEqual([]);
  });

  it.each([
    ['retention.ms', '1', 'must be at least 3600000 (1 h), got 1'],
    ['retention.ms', '-1', '-1 (no limit) is not allowed by the platform policy'],
    ['retention.ms', '1h', 'must be a whole number, got "1h"'],
    ['segment.bytes', '14', 'must be at least 1048576 (1 MiB), got 14'],
    ['segment.bytes', '2147483647', 'must be at most 1073741824 (1 GiB), got 2147483647'],
    ['max.message.bytes', '1', 'must be at least 1024 (1 KiB), got 1'],
    ['cleanup.policy', 'compact,compact', 'comma-separated, each once'],
    ['cleanup.policy', 'forever', 'must be one or more of "delete", "compact"'],
    ['unclean.leader.election.enable', 'true', 'not a topic config the platform allows (allowed: '],
  ])('refuses %s=%s naming the field', (key, value, message) => {
    // Act
    const issues = issuesOf([topic({ [key]: value })]);

    // Assess
    expect(issues).toEqual([
      { path: `topics[0].config[${JSON.stringify(key)}]`, message: expect.stringContaining(message) },
    ]);
  });

  it('bounds max.message.bytes by the brokers and min.insync.replicas by the effective replication factor', () => {
    // Prepare
    const facts = {
      ...NO_FACTS,
      messageMaxBytes: 1_048_588,
      defaultReplicationFactor: 3,
      existingReplicationFactors: { old: 2 },
    };

    // Act
    const issues = issuesOf(
      [
        topic({ 'max.message.bytes': '2000000', 'min.insync.replicas': '3' }),
        topic({ 'min.insync.replicas': '2' }, { name: 'old' }),
        topic({ 'min.insync.replicas': '1' }, { name: 'single', replicationFactor: 1 }),
      ],
      [],
      facts,
    );

    // Assess
    expect(issues.map((i) => i.path)).toEqual([
      'topics[0].config["max.message.bytes"]',
      'topics[0].config["min.insync.replicas"]',
      'topics[1].config["min.insync.replicas"]',
    ]);
    expect(issues[1]?.message).toContain("replication factor 3 (the brokers' default.replication.factor)");
    expect(issues[2]?.message).toContain('replication factor 2 (of the existing topic)');
  });

  it('refuses partitions and replication factors outside the policy and the cluster', () => {
    // Act
    const issues = issuesOf([topic({}, { partitions: 5000, replicationFactor: 4 })], [], {
      ...NO_FACTS,
      brokerCount: 3,
    });

    // Assess
    expect(issues).toEqual([
      { path: 'topics[0].partitions', message: 'must be 1–1000 (platform policy), got 5000' },
      {
        path: 'topics[0].replicationFactor',
        message: 'must be at most the 3 broker(s) of the cluster, got 4',
      },
    ]);
  });

  it('refuses short prefixes and prefixes that do not end at a separator, on every prefixed field', () => {
    // Prepare
    const grants: Grant[] = [
      {
        role: 'consumer',
        topic: 'd0.',
        patternType: 'prefixed',
        group: 'orders',
        groupPatternType: 'prefixed',
      },
      {
        role: 'producer',
        topic: 'orders.x',
        patternType: 'literal',
        idempotent: true,
        transactionalId: 'tx-',
        transactionalIdPatternType: 'prefixed',
      },
    ];

    // Act
    const issues = issuesOf([], grants);

    // Assess
    expect(issues.map((i) => i.path)).toEqual([
      'grants[0].topic',
      'grants[0].group',
      'grants[1].transactionalId',
    ]);
    expect(issues[1]?.message).toContain('must end at a separator');
  });
});

describe('reserved principals', () => {
  it('names each reason a principal is reserved', () => {
    // Act
    const reasons = reservedReasons(
      'admin',
      { reservedPrincipals: ['admin'] },
      { adminUser: 'admin', superUsers: ['admin'] },
    );

    // Assess
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toContain('platform admin');
    expect(reasons[1]).toContain('super user');
    expect(reasons[2]).toContain('reservedPrincipals');
  });

  it('reads User: super users and ignores other principal types', () => {
    // Act
    const users = parseSuperUsers(' User:admin ; User:controller;Group:ops;;');

    // Assess
    expect(users).toEqual(['admin', 'controller']);
  });
});

describe('prefix ownership', () => {
  const view = clusterOwnershipView({
    topics: ['team-a.orders', 'team-b.events', 'other'],
    groups: ['team-b.readers'],
    acls: [
      { kind: 'topic', name: 'team-a.orders', pattern: 'literal', principal: 'team-a' },
      { kind: 'topic', name: 'team-b.', pattern: 'prefixed', principal: 'team-b' },
      { kind: 'topic', name: '*', pattern: 'literal', principal: 'auditor' },
      { kind: 'group', name: 'team-c.not-yet-joined', pattern: 'literal', principal: 'team-c' },
    ],
  });

  it('reports resources under a prefix held by someone else, existing or only granted', async () => {
    // Act
    const issues = await prefixOwnershipIssues(
      [
        {
          role: 'consumer',
          topic: 'team-',
          patternType: 'prefixed',
          group: 'team-',
          groupPatternType: 'prefixed',
        },
      ],
      view,
      new Set(['team-a']),
    );

    // Assess
    expect(issues).toEqual([
      {
        path: 'grants[0].topic',
        message: expect.stringContaining(
          'covers topic "team-b." (held by team-b), topic "team-b.events" (held by team-b)',
        ),
      },
      {
        path: 'grants[0].group',
        message: expect.stringContaining('covers group "team-c.not-yet-joined" (held by team-c)'),
      },
    ]);
  });

  it('finds nothing when only the requester (or a wildcard) holds ACLs under the prefix', async () => {
    // Act
    const issues = await prefixOwnershipIssues(
      [{ role: 'producer', topic: 'team-a.', patternType: 'prefixed', idempotent: true }],
      view,
      new Set(['team-a']),
    );

    // Assess
    expect(issues).toEqual([]);
  });
});
