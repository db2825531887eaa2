import type { ClusterRef } from '../../../../tasks/onboarding/contracts';
import { RequestValidationError } from '../../../../tasks/onboarding/errors';
import { formatPath, parseOnboardingRequest } from '../../../../tasks/onboarding/request/parse';
import type { ClusterSpec, OnboardingRequestInput } from '../../../../tasks/onboarding/request/schema';

const MSK_CN =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const MSK_AWS = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const MSK_GOV =
  'arn:aws-us-gov:kafka:us-gov-west-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const SECRET_AWS = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_admin-Ab12Cd';

/** The issue's example request, as a fresh object per test. */
const validRequest = (): Record<string, unknown> & OnboardingRequestInput => ({
  requestId: 'orders-analytics-001',
  cluster: { kind: 'msk', arn: MSK_CN },
  principal: 'orders-analytics',
  topics: [
    {
      name: 'orders.events',
      partitions: 6,
      replicationFactor: 3,
      config: { 'retention.ms': '604800000', 'min.insync.replicas': '2' },
    },
  ],
  grants: [
    { role: 'consumer', topic: 'orders.events', group: 'orders-analytics' },
    { role: 'producer', topic: 'orders.analytics.', patternType: 'prefixed' },
  ],
});

/** The error a request is rejected with; fails the test when it is accepted or fails otherwise. */
function rejectionOf(raw: unknown): RequestValidationError {
  try {
    parseOnboardingRequest(raw);
  } catch (error) {
    if (error instanceof RequestValidationError) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

const issuesOf = (raw: unknown) => rejectionOf(raw).issues;

describe('parseOnboardingRequest', () => {
  it('accepts the issue example and applies the defaults', () => {
    // Prepare
    const raw = validRequest();

    // Act
    const request = parseOnboardingRequest(raw);

    // Assess
    expect(request).toEqual({
      ...raw,
      dryRun: false,
      deleteTopics: false,
      grants: [
        {
          role: 'consumer',
          topic: 'orders.events',
          patternType: 'literal',
          group: 'orders-analytics',
          groupPatternType: 'literal',
        },
        { role: 'producer', topic: 'orders.analytics.', patternType: 'prefixed', idempotent: true },
      ],
    });
  });

  it('defaults topics, grants and topic config when they are left out', () => {
    // Prepare
    const raw = { ...validRequest(), topics: [{ name: 'orders.events', partitions: 1 }], grants: undefined };

    // Act
    const request = parseOnboardingRequest(raw);

    // Assess
    expect(request.topics).toEqual([{ name: 'orders.events', partitions: 1, config: {} }]);
    expect(request.grants).toEqual([]);
  });

  it.each([
    ['aws', MSK_AWS],
    ['aws-cn', MSK_CN],
    ['aws-us-gov', MSK_GOV],
  ])('accepts an MSK cluster ARN in the %s partition', (_partition, arn) => {
    // Prepare
    const raw = { ...validRequest(), cluster: { kind: 'msk', arn } };

    // Act
    const request = parseOnboardingRequest(raw);

    // Assess
    expect(request.cluster).toEqual({ kind: 'msk', arn });
  });

  it('accepts a self-managed cluster with DNS, IPv4 and IPv6 bootstrap servers and an admin secret', () => {
    // Prepare
    const cluster = {
      kind: 'self-managed',
      bootstrapServers: ['b-1.kafka.internal:9096', '10.0.0.7:9092', '[fd00::7]:9094'],
      adminSecretArn: 'arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:kafka/admin-Ab12Cd',
    } as const;

    // Act
    const request = parseOnboardingRequest({ ...validRequest(), cluster });

    // Assess
    expect(request.cluster).toEqual(cluster);
  });

  it('accepts an MSK admin secret named AmazonMSK_ in the cluster account and Region', () => {
    // Prepare
    const cluster = { kind: 'msk', arn: MSK_AWS, adminSecretArn: SECRET_AWS };

    // Act
    const request = parseOnboardingRequest({ ...validRequest(), cluster });

    // Assess
    expect(request.cluster).toEqual(cluster);
  });

  it('accepts every role with its optional fields', () => {
    // Prepare
    const grants = [
      {
        role: 'consumer',
        topic: 'orders.',
        patternType: 'prefixed',
        group: 'ana-',
        groupPatternType: 'prefixed',
      },
      {
        role: 'producer',
        topic: 'orders.events',
        idempotent: false,
        transactionalId: 'orders-tx-',
        transactionalIdPatternType: 'prefixed',
      },
      { role: 'connector', connector: 'orders-sink', direction: 'sink', topic: 'orders.events' },
      {
        role: 'connector',
        connector: 'orders-source',
        direction: 'source',
        topic: 'orders.cdc.',
        patternType: 'prefixed',
      },
    ];

    // Act
    const request = parseOnboardingRequest({
      ...validRequest(),
      grants,
      dryRun: true,
      tags: { team: 'orders' },
    });

    // Assess
    expect(request.grants).toHaveLength(4);
    expect(request.grants[2]).toEqual({ ...grants[2], patternType: 'literal' });
    expect(request.dryRun).toBe(true);
    expect(request.tags).toEqual({ team: 'orders' });
  });

  const topic = (patch: object) => ({
    ...validRequest(),
    topics: [{ name: 'orders.events', partitions: 1, ...patch }],
  });
  const grant = (g: object) => ({ ...validRequest(), grants: [g] });
  const cluster = (c: object) => ({ ...validRequest(), cluster: c });
  const clusterArn = (arn: string) => cluster({ kind: 'msk', arn });

  it.each<[string, unknown, string, RegExp]>([
    [
      'a topic name with a space',
      topic({ name: 'orders events' }),
      'topics[0].name',
      /not a legal Kafka topic name/,
    ],
    [
      'a topic name with a slash',
      topic({ name: 'orders/events' }),
      'topics[0].name',
      /not a legal Kafka topic name/,
    ],
    ['a topic name over 249 characters', topic({ name: 'a'.repeat(250) }), 'topics[0].name', /at most 249/],
    ['the topic name "."', topic({ name: '.' }), 'topics[0].name', /"\." or "\.\."/],
    ['the topic name ".."', topic({ name: '..' }), 'topics[0].name', /"\." or "\.\."/],
    ['an internal topic name', topic({ name: '__consumer_offsets' }), 'topics[0].name', /reserved/],
    ['an empty topic name', topic({ name: '' }), 'topics[0].name', /empty/],
    ['partitions 0', topic({ partitions: 0 }), 'topics[0].partitions', /at least 1, got 0/],
    ['fractional partitions', topic({ partitions: 1.5 }), 'topics[0].partitions', /whole number/],
    ['partitions as a string', topic({ partitions: '3' }), 'topics[0].partitions', /expected number/],
    ['replicationFactor 0', topic({ replicationFactor: 0 }), 'topics[0].replicationFactor', /at least 1/],
    [
      'a config key unlike Kafka',
      topic({ config: { RetentionMs: '1' } }),
      'topics[0].config.RetentionMs',
      /config key/,
    ],
    [
      'a numeric config value',
      topic({ config: { 'retention.ms': 1 } }),
      'topics[0].config["retention.ms"]',
      /strings/,
    ],
    [
      'min.insync.replicas above the replication factor',
      topic({ replicationFactor: 1, config: { 'min.insync.replicas': '2' } }),
      'topics[0].config["min.insync.replicas"]',
      /exceeds replicationFactor 1/,
    ],
    ['an unknown topic field', topic({ partition: 3 }), 'topics[0].partition', /unknown field/],
    [
      'a principal with a comma',
      { ...validRequest(), principal: 'a,b' },
      'principal',
      /unfit for a SCRAM user/,
    ],
    ['a principal with =', { ...validRequest(), principal: 'a=b' }, 'principal', /unfit for a SCRAM user/],
    ['a principal with a slash', { ...validRequest(), principal: 'team/app' }, 'principal', /unfit/],
    [
      'a principal starting with -',
      { ...validRequest(), principal: '-app' },
      'principal',
      /starting with a letter/,
    ],
    [
      'a principal over 128 characters',
      { ...validRequest(), principal: 'a'.repeat(129) },
      'principal',
      /1–128/,
    ],
    ['a User: principal', { ...validRequest(), principal: 'User:app' }, 'principal', /without "User:"/],
    ['the wildcard principal', { ...validRequest(), principal: '*' }, 'principal', /unfit/],
    ['a requestId with a space', { ...validRequest(), requestId: 'a b' }, 'requestId', /execution name/],
    ['a requestId over 80 characters', { ...validRequest(), requestId: 'r'.repeat(81) }, 'requestId', /1–80/],
    ['a missing requestId', { ...validRequest(), requestId: undefined }, 'requestId', /required/],
    [
      'a wrong-service ARN',
      clusterArn(MSK_AWS.replace(':kafka:', ':kinesis:')),
      'cluster.arn',
      /service is "kinesis"/,
    ],
    [
      'an unknown partition',
      clusterArn(MSK_AWS.replace('aws', 'aws-iso')),
      'cluster.arn',
      /partition "aws-iso"/,
    ],
    [
      'a partition/Region mismatch',
      clusterArn(MSK_AWS.replace('eu-west-1', 'cn-north-1')),
      'cluster.arn',
      /aws-cn/,
    ],
    [
      'a non-cluster MSK resource',
      clusterArn(MSK_AWS.replace('cluster/', 'topic/')),
      'cluster.arn',
      /resource/,
    ],
    ['a bad account', clusterArn(MSK_AWS.replace('111122223333', '1111')), 'cluster.arn', /12 digits/],
    ['a non-ARN', clusterArn('orders'), 'cluster.arn', /must be an MSK cluster ARN/],
    [
      'a wrong-service admin secret ARN',
      cluster({ kind: 'msk', arn: MSK_AWS, adminSecretArn: SECRET_AWS.replace('secretsmanager', 'ssm') }),
      'cluster.adminSecretArn',
      /service is "ssm"/,
    ],
    [
      'an MSK admin secret not named AmazonMSK_',
      cluster({ kind: 'msk', arn: MSK_AWS, adminSecretArn: SECRET_AWS.replace('AmazonMSK_', '') }),
      'cluster.adminSecretArn',
      /AmazonMSK_/,
    ],
    [
      'an MSK admin secret in another Region',
      cluster({ kind: 'msk', arn: MSK_AWS, adminSecretArn: SECRET_AWS.replace('eu-west-1', 'eu-central-1') }),
      'cluster.adminSecretArn',
      /account 111122223333 and Region eu-west-1/,
    ],
    ['an unknown cluster kind', cluster({ kind: 'confluent' }), 'cluster.kind', /unknown kind "confluent"/],
    [
      'a bootstrap server without a port',
      cluster({ kind: 'self-managed', bootstrapServers: ['broker-1'] }),
      'cluster.bootstrapServers[0]',
      /host:port/,
    ],
    [
      'a bootstrap server port over 65535',
      cluster({ kind: 'self-managed', bootstrapServers: ['broker-1:9092', 'broker-2:70000'] }),
      'cluster.bootstrapServers[1]',
      /host:port/,
    ],
    [
      'no bootstrap servers',
      cluster({ kind: 'self-managed', bootstrapServers: [] }),
      'cluster.bootstrapServers',
      /at least 1/,
    ],
    [
      'an unknown role',
      grant({ role: 'admin', topic: 'orders.events' }),
      'grants[0].role',
      /unknown role "admin"/,
    ],
    ['a grant without role', grant({ topic: 'orders.events' }), 'grants[0].role', /required/],
    [
      'a consumer grant without group',
      grant({ role: 'consumer', topic: 'orders.events' }),
      'grants[0].group',
      /required/,
    ],
    [
      'a group on a producer grant',
      grant({ role: 'producer', topic: 'orders.events', group: 'g1' }),
      'grants[0].group',
      /not allowed on a producer grant/,
    ],
    [
      'a group on a connector grant',
      grant({ role: 'connector', connector: 'c1', direction: 'sink', topic: 'orders.events', group: 'g1' }),
      'grants[0].group',
      /connect-<connector>/,
    ],
    [
      'the wildcard group',
      grant({ role: 'consumer', topic: 'orders.events', group: '*' }),
      'grants[0].group',
      /wildcard/,
    ],
    [
      'an unknown pattern type',
      grant({ role: 'producer', topic: 'orders.events', patternType: 'match' }),
      'grants[0].patternType',
      /one of "literal", "prefixed"/,
    ],
    [
      'a prefix under 3 characters',
      grant({ role: 'producer', topic: 'or', patternType: 'prefixed' }),
      'grants[0].topic',
      /at least 3/,
    ],
    [
      'a transactionalIdPatternType without transactionalId',
      grant({ role: 'producer', topic: 'orders.events', transactionalIdPatternType: 'prefixed' }),
      'grants[0].transactionalIdPatternType',
      /together with transactionalId/,
    ],
    [
      'an unknown connector direction',
      grant({ role: 'connector', connector: 'c1', direction: 'both', topic: 'orders.events' }),
      'grants[0].direction',
      /one of "sink", "source"/,
    ],
    [
      'an illegal grant topic',
      grant({ role: 'producer', topic: 'orders*' }),
      'grants[0].topic',
      /not a legal/,
    ],
    [
      'a duplicate topic',
      { ...validRequest(), topics: [1, 2].map(() => ({ name: 'orders.events', partitions: 1 })) },
      'topics[1].name',
      /duplicates topics\[0\]\.name/,
    ],
    [
      'topics colliding on . and _',
      {
        ...validRequest(),
        topics: ['orders.events', 'orders_events'].map((name) => ({ name, partitions: 1 })),
      },
      'topics[1].name',
      /collides with topics\[0\]\.name/,
    ],
    [
      'a tag key starting with aws:',
      { ...validRequest(), tags: { 'aws:team': 'x' } },
      'tags["aws:team"]',
      /aws:/,
    ],
    [
      'too many tags',
      { ...validRequest(), tags: Object.fromEntries([...Array(41).keys()].map((i) => [`k${i}`, 'v'])) },
      'tags',
      /at most 40/,
    ],
    ['dryRun as a string', { ...validRequest(), dryRun: 'yes' }, 'dryRun', /expected boolean/],
    ['a password field', { ...validRequest(), password: 'hunter2' }, 'password', /never carry secrets/],
    ['a typo in a field name', { ...validRequest(), principle: 'x' }, 'principle', /unknown field/],
    ['a request that is not an object', 'orders', '(request)', /expected object/],
  ])('rejects %s', (_rule, raw, path, reason) => {
    // Prepare: the raw request above

    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues).toContainEqual({ path, message: expect.stringMatching(reason) });
  });

  it('reports every bad field in one error and one message', () => {
    // Prepare
    const raw = {
      ...validRequest(),
      requestId: 'a b',
      principal: 'a,b',
      topics: [
        { name: 'orders events', partitions: 0 },
        { name: 'orders.audit', partitions: 2.5 },
        { name: 'orders.audit', partitions: 1 },
      ],
      grants: [
        { role: 'consumer', topic: 'orders.audit' },
        { role: 'producer', topic: 'orders.audit', group: 'g1' },
      ],
    };

    // Act
    const error = rejectionOf(raw);

    // Assess
    const paths = [
      'requestId',
      'principal',
      'topics[0].name',
      'topics[0].partitions',
      'topics[1].partitions',
      'topics[2].name',
      'grants[0].group',
      'grants[1].group',
    ];
    expect(error.issues.map((i) => i.path).sort()).toEqual([...paths].sort());
    expect(error.name).toBe('RequestValidationError');
    expect(error.message).toMatch(/^request invalid: /);
    for (const issue of error.issues) expect(error.message).toContain(`${issue.path}: ${issue.message}`);
  });

  it('never echoes the value of an unknown field', () => {
    // Prepare
    const raw = {
      ...validRequest(),
      password: 'hunter2',
      cluster: { kind: 'msk', arn: MSK_AWS, secret: 's3cr3t' },
    };

    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['cluster.secret', 'password']);
    expect(JSON.stringify(issues)).not.toMatch(/hunter2|s3cr3t/);
  });

  it('produces a cluster that is a contracts ClusterRef', () => {
    // Prepare
    const request = parseOnboardingRequest(validRequest());

    // Act: compile-time assignability check, runtime identity
    const ref: ClusterRef = request.cluster satisfies ClusterSpec;

    // Assess
    expect(ref).toBe(request.cluster);
  });
});

describe('parseOnboardingRequest on prototype-shaped and null input', () => {
  /** The request as JSON text with `extra` spliced in raw, parsed the way the CLI parses a file. */
  const fromJson = (topicConfig: string, top = '') =>
    JSON.parse(
      `{${top}"requestId":"r-1","cluster":{"kind":"self-managed","bootstrapServers":["h:9092"]},"principal":"p-1",` +
        `"topics":[{"name":"a.b","partitions":1,"config":{${topicConfig}}}]}`,
    ) as unknown;

  it('names a top-level __proto__ field instead of printing [object Object]', () => {
    // Act
    const issues = issuesOf(fromJson('', '"__proto__":{"admin":true},'));

    // Assess
    expect(issues).toEqual([{ path: '__proto__', message: 'not allowed as a field name' }]);
  });

  it('reports a __proto__ key in a topic config, which zod would drop without a word', () => {
    // Act
    const issues = issuesOf(fromJson('"__proto__":"x","retention.ms":"86400000"'));

    // Assess
    expect(issues).toEqual([{ path: 'topics[0].config.__proto__', message: 'not allowed as a field name' }]);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'calls %s an unknown field with the generic reason',
    (key) => {
      // Act
      const issues = issuesOf({ ...validRequest(), [key]: 1 });

      // Assess
      expect(issues).toEqual([{ path: key, message: 'unknown field: not part of the request contract' }]);
    },
  );

  it.each<[string, unknown, string]>([
    ['the request', null, '(request)'],
    ['the cluster', { ...validRequest(), cluster: null }, 'cluster'],
    ['a topic', { ...validRequest(), topics: [null] }, 'topics[0]'],
  ])('says "got null" for %s set to null', (_what, raw, path) => {
    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues).toContainEqual({ path, message: 'expected object, got null' });
  });

  it('says "got array" for a list where an object belongs', () => {
    // Act
    const issues = issuesOf({ ...validRequest(), cluster: [] });

    // Assess
    expect(issues).toContainEqual({ path: 'cluster', message: 'expected object, got array' });
  });
});

describe('formatPath', () => {
  it.each<[PropertyKey[], string]>([
    [[], '(request)'],
    [['topics', 0, 'name'], 'topics[0].name'],
    [['topics', 0, 'config', 'retention.ms'], 'topics[0].config["retention.ms"]'],
    [['tags', 'cost center'], 'tags["cost center"]'],
  ])('formats %j as %s', (path, expected) => {
    // Prepare: the path above

    // Act
    const formatted = formatPath(path);

    // Assess
    expect(formatted).toBe(expected);
  });
});
