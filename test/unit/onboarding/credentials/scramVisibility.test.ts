import { describe, expect, it, jest } from '@jest/globals';

/**
 * A broker that acknowledges AlterUserScramCredentials at once (the controller committed it) but shows the
 * change in DescribeUserScramCredentials only from its `lag + 1`-th answer after it (the broker applies
 * metadata a moment later).
 */
const broker = {
  lag: 0,
  has512: false,
  describes: 0,
  describesSinceAlter: 0,
  pending: undefined as boolean | undefined,
};

jest.unstable_mockModule('@platformatic/kafka', () => ({
  ScramMechanisms: { SCRAM_SHA_256: 1, SCRAM_SHA_512: 2 },
  alterUserScramCredentialsV0: {
    api: {
      async: async (_connection: unknown, deletions: unknown[], upsertions: unknown[]) => {
        broker.pending = upsertions.length > 0 ? true : deletions.length > 0 ? false : undefined;
        broker.describesSinceAlter = 0;
        return { results: [] };
      },
    },
  },
  describeUserScramCredentialsV0: {
    api: {
      async: async (_connection: unknown, users: { name: string }[]) => {
        broker.describes += 1;
        broker.describesSinceAlter += 1;
        if (broker.pending !== undefined && broker.describesSinceAlter > broker.lag) {
          broker.has512 = broker.pending;
          broker.pending = undefined;
        }
        const credentialInfos = broker.has512 ? [{ mechanism: 2, iterations: 8192 }] : [];
        return { results: users.map((u) => ({ user: u.name, errorCode: 0, credentialInfos })) };
      },
    },
  },
}));
jest.unstable_mockModule('../../../../tasks/onboarding/kafka/platformaticAdmin', () => ({
  controllerConnection: async () => ({}),
}));

const { deleteScramCredential, upsertScramCredential } = await import(
  '../../../../tasks/onboarding/credentials/selfManaged/scramAdmin'
);
const admin = {} as Parameters<typeof upsertScramCredential>[0];

describe('SCRAM credential changes wait until the broker shows them', () => {
  it('upsert returns only once DescribeUserScramCredentials shows the credential', async () => {
    // Prepare
    Object.assign(broker, { lag: 3, has512: false, describes: 0, pending: undefined });

    // Act
    await upsertScramCredential(admin, 'orders-app', 'not-logged-anywhere', 4096);

    // Assess: three answers still without it, the fourth with it.
    expect(broker.describes).toBe(4);
    expect(broker.has512).toBe(true);
  });

  it('delete returns only once the credential is gone from the describe', async () => {
    // Prepare
    Object.assign(broker, { lag: 2, has512: true, describes: 0, pending: undefined });

    // Act
    const deleted = await deleteScramCredential(admin, 'orders-app');

    // Assess
    expect(deleted).toBe(true);
    expect(broker.describes).toBe(3);
    expect(broker.has512).toBe(false);
  });
});
