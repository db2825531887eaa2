import { decideScramUser } from '../../../../tasks/onboarding/credentials/selfManaged/scramUserState';
import { ScramUserConflictError } from '../../../../tasks/onboarding/errors';

const base = { user: 'orders-analytics', secretName: 'AmazonMSK_orders-analytics' };
const stored = { username: 'orders-analytics', password: 'p'.repeat(40) };

describe('decideScramUser', () => {
  it('creates secret and user when neither exists', () => {
    // Prepare
    const state = { ...base, mechanisms: [] };

    // Act
    const decision = decideScramUser(state);

    // Assess
    expect(decision.createSecret).toBe(true);
    expect(decision.createUser).toBe(true);
    expect(decision.changes.map((c) => [c.kind, c.action])).toEqual([
      ['secret', 'create'],
      ['scram-user', 'create'],
    ]);
  });

  it('changes nothing when the SCRAM-SHA-512 user and our secret exist', () => {
    // Prepare
    const state = { ...base, mechanisms: ['SCRAM-SHA-512' as const], stored };

    // Act
    const decision = decideScramUser(state);

    // Assess
    expect(decision).toEqual({
      createSecret: false,
      createUser: false,
      changes: [
        { kind: 'secret', id: base.secretName, action: 'none' },
        { kind: 'scram-user', id: base.user, action: 'none', detail: undefined },
      ],
    });
  });

  it('creates the user from the stored secret when only the secret exists', () => {
    // Prepare
    const state = { ...base, mechanisms: ['SCRAM-SHA-256' as const], stored };

    // Act
    const decision = decideScramUser(state);

    // Assess
    expect(decision.createSecret).toBe(false);
    expect(decision.createUser).toBe(true);
    expect(decision.changes[1]?.detail).toBe('SCRAM-SHA-512, password from the existing secret');
  });

  it('throws ScramUserConflictError when the user exists without our secret', () => {
    // Prepare
    const state = { ...base, mechanisms: ['SCRAM-SHA-512' as const] };

    // Act
    const decide = () => decideScramUser(state);

    // Assess
    expect(decide).toThrow(ScramUserConflictError);
    expect(decide).toThrow(/orders-analytics.*AmazonMSK_orders-analytics/);
  });
});
