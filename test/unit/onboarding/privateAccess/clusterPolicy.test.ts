import {
  consumerStatement,
  findStatement,
  mergeStatement,
  removeStatement,
  statementSidFor,
} from '../../../../tasks/onboarding/privateAccess/clusterPolicy';

const CLUSTER =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Rng = ReturnType<typeof random>;
const account = (rng: Rng) => String(100000000000 + rng.int(899999999999));
const space = (rng: Rng) => rng.pick(['', ' ', '\n', '\n  ', '\t', '  \n    ']);

/** A statement written the way people write them: any key order, spacing, escapes, Sid or none. */
function foreignStatement(rng: Rng): string {
  const members = [
    `"Effect":${space(rng)}"${rng.pick(['Allow', 'Deny'])}"`,
    `"Principal":{"AWS":"arn:aws-cn:iam::${account(rng)}:root"}`,
    `"Action":${rng.pick(['"kafka:DescribeClusterV2"', '["kafka:GetBootstrapBrokers",\n"kafka-cluster:*"]', '"kafka:\\u0044escribeCluster"'])}`,
    `"Resource":"${CLUSTER}"`,
    ...(rng.next() < 0.7
      ? [`"Sid":"${rng.pick(['Partner', 'MskFlowsConsumerX', 'Audit'])}${rng.int(1000)}"`]
      : []),
    ...(rng.next() < 0.3
      ? [`"Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":${rng.int(5000)}.5e1}}`]
      : []),
  ];
  for (let i = members.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [members[i], members[j]] = [members[j] as string, members[i] as string];
  }
  return `{${space(rng)}${members.join(`,${space(rng)}`)}${space(rng)}}`;
}

function randomPolicy(rng: Rng): { text: string; statements: string[] } {
  const statements = Array.from({ length: rng.int(5) }, () => foreignStatement(rng));
  if (statements.length === 1 && rng.next() < 0.3) {
    return {
      text: `{"Version":"2012-10-17",${space(rng)}"Statement":${space(rng)}${statements[0]}}`,
      statements,
    };
  }
  const body = statements.map((s) => `${space(rng)}${s}`).join(',');
  return {
    text: `{${space(rng)}"Version": "2012-10-17",${space(rng)}"Statement": [${body}${space(rng)}]${space(rng)}}`,
    statements,
  };
}

describe('cluster policy merge', () => {
  it.each(Array.from({ length: 200 }, (_, seed) => [seed]))(
    'keeps every foreign statement byte-for-byte, is idempotent and reversible (seed %i)',
    (seed) => {
      // Prepare
      const rng = random(seed);
      const { text, statements } = randomPolicy(rng);
      const consumer = account(rng);
      const ours = consumerStatement(CLUSTER, consumer);

      // Act
      const once = mergeStatement(text, ours, CLUSTER);
      const twice = mergeStatement(once.policy, ours, CLUSTER);
      const removed = removeStatement(once.policy, statementSidFor(consumer), CLUSTER);

      // Assess
      for (const statement of statements) expect(once.policy).toContain(statement);
      const parsed = JSON.parse(once.policy) as { Statement: unknown[] };
      expect(parsed.Statement.filter((s) => (s as { Sid?: string }).Sid === ours.Sid)).toEqual([ours]);
      expect(parsed.Statement).toHaveLength(statements.length + 1);
      expect(once).toMatchObject({ changed: true, previous: null });
      expect(twice).toEqual({
        policy: once.policy,
        changed: false,
        previous: findStatement(once.policy, String(ours.Sid), CLUSTER),
      });
      expect(removed).toBe(statements.length === 0 ? null : text);
    },
  );

  it('replaces a statement with our Sid but other content and puts it back on undo', () => {
    // Prepare
    const ours = consumerStatement(CLUSTER, '444455556666');
    const drifted = `{"Sid":"${ours.Sid}","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kafka:*","Resource":"*"}`;
    const policy = `{"Version":"2012-10-17","Statement":[{"Sid":"Other","Effect":"Deny","Principal":"*","Action":"kafka:*","Resource":"*"},${drifted}]}`;

    // Act
    const merged = mergeStatement(policy, ours, CLUSTER);
    const restored = removeStatement(merged.policy, String(ours.Sid), CLUSTER, merged.previous);

    // Assess
    expect(merged.changed).toBe(true);
    expect(merged.previous).toBe(drifted);
    expect(JSON.parse(merged.policy).Statement[1]).toEqual(ours);
    expect(restored).toBe(policy);
  });

  it('creates a policy holding only our statement when the cluster has none', () => {
    // Act
    const merged = mergeStatement(null, consumerStatement(CLUSTER, '444455556666'), CLUSTER);

    // Assess
    expect(JSON.parse(merged.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [consumerStatement(CLUSTER, '444455556666')],
    });
    expect(removeStatement(merged.policy, 'MskFlowsConsumer444455556666', CLUSTER)).toBeNull();
  });

  it('refuses to edit a policy that is not JSON, naming the cluster', () => {
    // Act
    const act = () =>
      mergeStatement('{"Statement": [ {"Sid": "x" ', consumerStatement(CLUSTER, '444455556666'), CLUSTER);

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'ClusterPolicyUnreadableError', cluster: CLUSTER }));
  });
});
