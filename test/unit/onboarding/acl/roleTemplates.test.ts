import {
  aclBindingsForGrant,
  aclBindingsForRequest,
  describeBinding,
} from '../../../../tasks/onboarding/acl/roleTemplates';
import type { AclBinding } from '../../../../tasks/onboarding/contracts';
import { parseOnboardingRequest } from '../../../../tasks/onboarding/request/parse';
import type { Grant } from '../../../../tasks/onboarding/request/schema';

const PRINCIPAL = 'orders-analytics';

/** A grant as the validated request holds it (defaults applied). */
function grantOf(raw: object): Grant {
  const request = parseOnboardingRequest({
    requestId: 'r-1',
    cluster: { kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] },
    principal: PRINCIPAL,
    grants: [raw],
  });
  return request.grants[0] as Grant;
}

/** The readable ids of a grant's bindings, which say everything but host and permission. */
const idsOf = (grant: object) => aclBindingsForGrant(PRINCIPAL, grantOf(grant)).map(describeBinding);

describe('aclBindingsForGrant', () => {
  it.each<[string, object, string[]]>([
    [
      'consumer: TOPIC READ + DESCRIBE, GROUP READ',
      { role: 'consumer', topic: 'orders.events', group: 'orders-analytics' },
      [
        'User:orders-analytics READ TOPIC:orders.events (LITERAL)',
        'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics READ GROUP:orders-analytics (LITERAL)',
      ],
    ],
    [
      'consumer with prefixed topic and prefixed group',
      {
        role: 'consumer',
        topic: 'orders.',
        patternType: 'prefixed',
        group: 'ana-',
        groupPatternType: 'prefixed',
      },
      [
        'User:orders-analytics READ TOPIC:orders. (PREFIXED)',
        'User:orders-analytics DESCRIBE TOPIC:orders. (PREFIXED)',
        'User:orders-analytics READ GROUP:ana- (PREFIXED)',
      ],
    ],
    [
      'producer: TOPIC WRITE + DESCRIBE, CLUSTER IDEMPOTENT_WRITE by default',
      { role: 'producer', topic: 'orders.events' },
      [
        'User:orders-analytics WRITE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics IDEMPOTENT_WRITE CLUSTER:kafka-cluster (LITERAL)',
      ],
    ],
    [
      'producer with idempotent false: no CLUSTER ACL',
      { role: 'producer', topic: 'orders.analytics.', patternType: 'prefixed', idempotent: false },
      [
        'User:orders-analytics WRITE TOPIC:orders.analytics. (PREFIXED)',
        'User:orders-analytics DESCRIBE TOPIC:orders.analytics. (PREFIXED)',
      ],
    ],
    [
      'producer with transactionalId: TRANSACTIONAL_ID WRITE + DESCRIBE (literal by default)',
      { role: 'producer', topic: 'orders.events', transactionalId: 'orders-tx' },
      [
        'User:orders-analytics WRITE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics IDEMPOTENT_WRITE CLUSTER:kafka-cluster (LITERAL)',
        'User:orders-analytics WRITE TRANSACTIONAL_ID:orders-tx (LITERAL)',
        'User:orders-analytics DESCRIBE TRANSACTIONAL_ID:orders-tx (LITERAL)',
      ],
    ],
    [
      'producer with a prefixed transactionalId',
      {
        role: 'producer',
        topic: 'orders.events',
        idempotent: false,
        transactionalId: 'orders-tx-',
        transactionalIdPatternType: 'prefixed',
      },
      [
        'User:orders-analytics WRITE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics WRITE TRANSACTIONAL_ID:orders-tx- (PREFIXED)',
        'User:orders-analytics DESCRIBE TRANSACTIONAL_ID:orders-tx- (PREFIXED)',
      ],
    ],
    [
      'sink connector: TOPIC READ + DESCRIBE, GROUP READ connect-<connector>',
      { role: 'connector', connector: 'orders-sink', direction: 'sink', topic: 'orders.events' },
      [
        'User:orders-analytics READ TOPIC:orders.events (LITERAL)',
        'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
        'User:orders-analytics READ GROUP:connect-orders-sink (LITERAL)',
      ],
    ],
    [
      'source connector: TOPIC WRITE + DESCRIBE',
      {
        role: 'connector',
        connector: 'orders-cdc',
        direction: 'source',
        topic: 'orders.cdc.',
        patternType: 'prefixed',
      },
      [
        'User:orders-analytics WRITE TOPIC:orders.cdc. (PREFIXED)',
        'User:orders-analytics DESCRIBE TOPIC:orders.cdc. (PREFIXED)',
      ],
    ],
  ])('gives %s', (_row, grant, expected) => {
    // Prepare: the grant above

    // Act
    const ids = idsOf(grant);

    // Assess
    expect(ids).toEqual(expected);
  });

  it('always binds ALLOW on host * for User:<principal>, never ALL and never a * resource', () => {
    // Prepare
    const grants = [
      { role: 'consumer', topic: 'orders.events', group: 'g1' },
      { role: 'producer', topic: 'orders.events', transactionalId: 'tx' },
      { role: 'connector', connector: 'c1', direction: 'sink', topic: 'orders.events' },
    ];

    // Act
    const bindings = grants.flatMap((g) => aclBindingsForGrant(PRINCIPAL, grantOf(g)));

    // Assess
    expect(bindings).toHaveLength(11);
    for (const binding of bindings) {
      expect(binding).toMatchObject({ principal: 'User:orders-analytics', host: '*', permission: 'ALLOW' });
      expect(binding.operation).not.toBe('ALL');
      expect(binding.resourceName).not.toBe('*');
    }
  });

  it('returns complete AclBinding objects', () => {
    // Prepare
    const grant = grantOf({ role: 'consumer', topic: 'orders.events', group: 'g1' });

    // Act
    const [first] = aclBindingsForGrant(PRINCIPAL, grant);

    // Assess
    expect(first).toEqual<AclBinding>({
      resourceType: 'TOPIC',
      resourceName: 'orders.events',
      patternType: 'LITERAL',
      principal: 'User:orders-analytics',
      host: '*',
      operation: 'READ',
      permission: 'ALLOW',
    });
  });
});

describe('aclBindingsForRequest', () => {
  it('deduplicates bindings across grants, keeping the first occurrence order', () => {
    // Prepare
    const request = {
      principal: PRINCIPAL,
      grants: [
        grantOf({ role: 'producer', topic: 'orders.events' }),
        grantOf({ role: 'consumer', topic: 'orders.events', group: 'g1' }),
        grantOf({ role: 'producer', topic: 'orders.audit' }),
      ],
    };

    // Act
    const ids = aclBindingsForRequest(request).map(describeBinding);

    // Assess
    expect(ids).toEqual([
      'User:orders-analytics WRITE TOPIC:orders.events (LITERAL)',
      'User:orders-analytics DESCRIBE TOPIC:orders.events (LITERAL)',
      'User:orders-analytics IDEMPOTENT_WRITE CLUSTER:kafka-cluster (LITERAL)',
      'User:orders-analytics READ TOPIC:orders.events (LITERAL)',
      'User:orders-analytics READ GROUP:g1 (LITERAL)',
      'User:orders-analytics WRITE TOPIC:orders.audit (LITERAL)',
      'User:orders-analytics DESCRIBE TOPIC:orders.audit (LITERAL)',
    ]);
  });

  it('returns nothing for a request without grants', () => {
    // Prepare
    const request = { principal: PRINCIPAL, grants: [] };

    // Act
    const bindings = aclBindingsForRequest(request);

    // Assess
    expect(bindings).toEqual([]);
  });

  it('keeps a LITERAL and a PREFIXED binding on the same name apart', () => {
    // Prepare
    const request = {
      principal: PRINCIPAL,
      grants: [
        grantOf({ role: 'connector', connector: 'c1', direction: 'source', topic: 'orders.events' }),
        grantOf({
          role: 'connector',
          connector: 'c1',
          direction: 'source',
          topic: 'orders.events',
          patternType: 'prefixed',
        }),
      ],
    };

    // Act
    const bindings = aclBindingsForRequest(request);

    // Assess
    expect(bindings.map((b) => b.patternType)).toEqual(['LITERAL', 'LITERAL', 'PREFIXED', 'PREFIXED']);
  });
});
