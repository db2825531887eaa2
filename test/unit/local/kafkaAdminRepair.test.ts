import { decideAdminRepair } from '../../../scripts/local/kafka/adminRepair';
import { passwordsOf, renderServerProperties } from '../../../scripts/local/kafka/config';
import { METADATA_SNAPSHOT_SETTINGS, snapshotOverrideArgs } from '../../../scripts/local/kafka/snapshots';

const facts = {
  brokerKnowsAdmin: false,
  secretPassword: 'formatted-pw',
  formattedPassword: 'formatted-pw',
  controllerPassword: 'controller-pw',
};

describe('decideAdminRepair', () => {
  it('restores the admin when the broker has no credential for it and the secret is the formatted password', () => {
    // Act
    const decision = decideAdminRepair(facts);

    // Assess
    expect(decision).toEqual({ restore: true });
  });

  it('never overwrites a credential the broker has: a refused login is then a wrong secret file', () => {
    // Act
    const decision = decideAdminRepair({ ...facts, brokerKnowsAdmin: true, secretPassword: 'not-it' });

    // Assess
    expect(decision).toEqual({
      restore: false,
      reason: 'the broker has a credential for admin: the password differs',
    });
  });

  it('refuses to restore with a secret file whose password is not the one the storage was formatted with', () => {
    // Act
    const decision = decideAdminRepair({ ...facts, secretPassword: 'not-it' });

    // Assess
    expect(decision).toMatchObject({
      restore: false,
      reason: expect.stringContaining('not the one in server.properties'),
    });
  });

  it('refuses to restore when server.properties holds no admin or controller password', () => {
    // Act
    const decisions = [
      decideAdminRepair({ ...facts, formattedPassword: undefined }),
      decideAdminRepair({ ...facts, controllerPassword: undefined }),
    ];

    // Assess
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        restore: false,
        reason: expect.stringContaining('server.properties holds no'),
      });
    }
  });
});

describe('passwordsOf', () => {
  it('reads back the admin and controller passwords renderServerProperties wrote', () => {
    // Prepare
    const properties = renderServerProperties({
      host: '127.0.0.1',
      clientPort: 9096,
      controllerPort: 9097,
      dataDir: '/data',
      adminPassword: 'AdminPw123',
      controllerPassword: 'CtrlPw456',
    });

    // Act
    const passwords = passwordsOf(properties);

    // Assess
    expect(passwords).toEqual({ admin: 'AdminPw123', controller: 'CtrlPw456' });
  });

  it('returns undefined passwords for a file without the listener JAAS lines', () => {
    // Act
    const passwords = passwordsOf('process.roles=broker,controller\nnode.id=1\n');

    // Assess
    expect(passwords).toEqual({ admin: undefined, controller: undefined });
  });
});

describe('snapshotOverrideArgs', () => {
  it('passes every metadata snapshot setting to kafka.Kafka as --override key=value', () => {
    // Act
    const args = snapshotOverrideArgs();

    // Assess
    expect(args).toEqual([
      '--override',
      'metadata.log.max.snapshot.interval.ms=10000',
      '--override',
      'metadata.max.retention.ms=3600000',
    ]);
    expect(Object.keys(METADATA_SNAPSHOT_SETTINGS)).toHaveLength(2);
  });
});
