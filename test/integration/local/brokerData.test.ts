import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Kafka,
  ResourcePatternTypes,
} from 'kafkajs';
import { managedBroker } from '../../../scripts/local/kafka/broker';
import { readClusterMarker } from '../../../scripts/local/kafka/clusterSecrets';
import { inspectStorage } from '../../../scripts/local/kafka/storage';
import { processState } from '../../../scripts/local/process';
import { resetCommand } from '../../../scripts/local/reset';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { withAdmin } from '../../../tasks/shared/kafka/client';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import { killBroker, restartBroker } from '../../helpers/brokerFaults';
import { topicName, userName } from '../../helpers/names';
import {
  asLocalKafka,
  clientOf,
  type PrivateBroker,
  privateBroker,
  snapshot,
} from '../../helpers/privateBroker';
import { upsertScramUser } from '../../helpers/scramUsers';

const START_TIMEOUT_MS = 180_000;

const clusterIdOf = (broker: PrivateBroker): string => {
  const storage = inspectStorage(broker.layout);
  if (storage.kind !== 'formatted') throw new Error(`expected a formatted storage, got ${storage.kind}`);
  return storage.clusterId;
};

/** The topics a client sees (a user sees only those its ACLs let it describe). */
const topicsSeenBy = (kafka: Kafka): Promise<string[]> => withAdmin(kafka, (admin) => admin.listTopics());

const readAcls = (kafka: Kafka, principal: string) =>
  withAdmin(kafka, async (admin) => {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${principal}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return resources.map((r) => `${r.resourceName}:${r.acls.map((a) => a.operation).join(',')}`);
  });

// One private broker (own .local and ports, so the shared broker other test files use is never touched),
// walked through its life in order: fresh format, crash and restart, refused logins, stale secrets, reset.
describe('the local Kafka broker never destroys its data', () => {
  let broker: PrivateBroker;
  const topic = topicName();
  const user = userName();
  let userSecretFile: string;

  beforeAll(async () => {
    broker = await privateBroker();
  });

  afterAll(async () => {
    await broker.dispose();
  });

  it(
    'formats a fresh storage when the data directory is empty and ties the admin secret to its cluster',
    async () => {
      // Act
      const up = await broker.service.up(broker.log);

      // Assess
      expect(up.startedNow).toBe(true);
      expect(broker.logs.join('\n')).toContain('is empty: formatting a fresh Kafka');
      const clusterId = clusterIdOf(broker);
      expect(readClusterMarker(broker.layout)?.clusterId).toBe(clusterId);
      const cluster = await withAdmin(await clientOf(broker.layout), (admin) => admin.describeCluster());
      expect(cluster.clusterId).toBe(clusterId);
    },
    START_TIMEOUT_MS,
  );

  it(
    'restarts a SIGKILLed broker on its storage: the topic, the ACL and the SCRAM user survive',
    async () => {
      // Prepare
      const password = randomBytes(18).toString('base64url');
      await upsertScramUser({ username: user, password }, await asLocalKafka(broker.layout));
      const secrets = new LocalFileSecretStore(broker.layout.secretsDir);
      await secrets.put(secretNameFor(user), JSON.stringify({ username: user, password }));
      userSecretFile = secrets.pathOf(secretNameFor(user));
      await withAdmin(await clientOf(broker.layout), async (admin) => {
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
        await admin.createAcls({
          acl: [
            {
              resourceType: AclResourceTypes.TOPIC,
              resourceName: topic,
              resourcePatternType: ResourcePatternTypes.LITERAL,
              principal: `User:${user}`,
              host: '*',
              operation: AclOperationTypes.READ,
              permissionType: AclPermissionTypes.ALLOW,
            },
          ],
        });
      });
      const clusterId = clusterIdOf(broker);
      const adminSecret = readFileSync(broker.layout.adminSecretFile, 'utf8');
      broker.logs.length = 0;

      // Act
      const killed = await killBroker(broker.service);
      const stateAfterKill = processState(managedBroker(broker.layout));
      const started = await restartBroker(broker.service, broker.log);

      // Assess
      expect(stateAfterKill).toEqual({ state: 'stale', pid: killed, reason: 'process exited' });
      expect(started).toBe(true);
      expect(broker.logs.join('\n')).toContain(
        `Starting Kafka on its existing storage (cluster ${clusterId})`,
      );
      expect(broker.logs.join('\n')).not.toMatch(/format/i);
      expect(clusterIdOf(broker)).toBe(clusterId);
      expect(readFileSync(broker.layout.adminSecretFile, 'utf8')).toBe(adminSecret);
      expect(await topicsSeenBy(await clientOf(broker.layout, userSecretFile))).toEqual([topic]);
      expect(await readAcls(await clientOf(broker.layout), user)).toEqual([
        `${topic}:${AclOperationTypes.READ}`,
      ]);
    },
    START_TIMEOUT_MS,
  );

  it('refuses a changed admin secret on a running broker, leaving the broker and its data alone', async () => {
    // Prepare
    const adminSecret = readFileSync(broker.layout.adminSecretFile, 'utf8');
    const running = processState(managedBroker(broker.layout));
    writeFileSync(broker.layout.adminSecretFile, JSON.stringify({ username: 'admin', password: 'not-it' }));

    try {
      // Act
      const act = broker.service.up(broker.log);

      // Assess
      await expect(act).rejects.toMatchObject({
        name: 'AdminLoginError',
        message: expect.stringMatching(
          /cannot log in .*invalid credentials.*left untouched.*local:reset -- --yes/,
        ),
      });
      expect(processState(managedBroker(broker.layout))).toEqual(running);
    } finally {
      writeFileSync(broker.layout.adminSecretFile, adminSecret);
    }
  });

  it('refuses to start without the admin secret file, leaving the data directory byte for byte as it was', async () => {
    // Prepare
    await broker.service.down();
    const adminSecret = readFileSync(broker.layout.adminSecretFile, 'utf8');
    rmSync(broker.layout.adminSecretFile);
    const before = snapshot(broker.layout.dataDir);

    try {
      // Act
      const act = broker.service.up(broker.log);

      // Assess
      await expect(act).rejects.toMatchObject({
        name: 'AdminLoginError',
        message: expect.stringMatching(/the file is missing.*left untouched/),
      });
      expect(snapshot(broker.layout.dataDir)).toEqual(before);
      expect(processState(managedBroker(broker.layout))).toEqual({ state: 'stopped' });
    } finally {
      writeFileSync(broker.layout.adminSecretFile, adminSecret);
    }
  });

  it(
    'stops the broker it started when the admin password is wrong, and restarts on the same data once it is back',
    async () => {
      // Prepare
      const clusterId = clusterIdOf(broker);
      const adminSecret = readFileSync(broker.layout.adminSecretFile, 'utf8');
      writeFileSync(broker.layout.adminSecretFile, JSON.stringify({ username: 'admin', password: 'not-it' }));

      // Act
      const refused = broker.service.up(broker.log);
      await expect(refused).rejects.toMatchObject({ name: 'AdminLoginError' });
      const stateAfterRefusal = processState(managedBroker(broker.layout));
      writeFileSync(broker.layout.adminSecretFile, adminSecret);
      await broker.service.up(broker.log);

      // Assess
      expect(stateAfterRefusal).toEqual({ state: 'stopped' });
      expect(clusterIdOf(broker)).toBe(clusterId);
      expect(await topicsSeenBy(await clientOf(broker.layout, userSecretFile))).toEqual([topic]);
    },
    START_TIMEOUT_MS,
  );

  it(
    'moves the secret files of an earlier cluster aside when it formats an empty data directory, never reusing them',
    async () => {
      // Prepare: the data directory is emptied by hand (as a user might); the old secrets stay behind.
      await broker.service.down();
      const oldCluster = clusterIdOf(broker);
      const oldAdmin = readFileSync(broker.layout.adminSecretFile, 'utf8');
      const oldUser = readFileSync(userSecretFile, 'utf8');
      rmSync(broker.layout.dataDir, { recursive: true });
      broker.logs.length = 0;

      // Act
      await broker.service.up(broker.log);

      // Assess
      const newCluster = clusterIdOf(broker);
      expect(newCluster).not.toBe(oldCluster);
      expect(readdirSync(broker.layout.secretsDir).sort()).toEqual(['.cluster.json', 'kafka-admin.json']);
      expect(readFileSync(broker.layout.adminSecretFile, 'utf8')).not.toBe(oldAdmin);
      expect(readClusterMarker(broker.layout)?.clusterId).toBe(newCluster);
      const [setAside] = readdirSync(broker.layout.staleSecretsDir);
      expect(setAside).toMatch(new RegExp(`-${oldCluster}$`));
      const staleDir = join(broker.layout.staleSecretsDir, setAside ?? '');
      expect(readFileSync(join(staleDir, 'kafka-admin.json'), 'utf8')).toBe(oldAdmin);
      expect(readFileSync(join(staleDir, `${secretNameFor(user)}.json`), 'utf8')).toBe(oldUser);
      expect(broker.logs.join('\n')).toContain(`Moved 3 file(s) of an earlier cluster (${oldCluster})`);
      const asOldUser = topicsSeenBy(
        await clientOf(broker.layout, join(staleDir, `${secretNameFor(user)}.json`)),
      );
      await expect(asOldUser).rejects.toThrow(/SASL|authentication/i);
      expect(existsSync(userSecretFile)).toBe(false);
    },
    START_TIMEOUT_MS,
  );

  it('local:reset without --yes lists what it would stop and delete, and stops or deletes nothing', async () => {
    // Prepare
    const running = processState(managedBroker(broker.layout));
    const clusterId = clusterIdOf(broker);
    const printed: string[] = [];

    // Act
    const codes = [
      await resetCommand([], [broker.service], (line) => printed.push(line)),
      await resetCommand(['--force'], [broker.service], (line) => printed.push(line)),
    ];

    // Assess
    expect(codes).toEqual([1, 2]);
    const output = printed.join('\n');
    expect(output).toContain('local:reset would stop: kafka');
    for (const data of broker.service.dataPaths()) expect(output).toContain(data.path);
    expect(output).toContain('Nothing was stopped or deleted. To do it: npm run local:reset -- --yes');
    expect(broker.service.dataPaths().every((data) => existsSync(data.path))).toBe(true);
    expect(processState(managedBroker(broker.layout))).toEqual(running);
    expect(clusterIdOf(broker)).toBe(clusterId);
  });

  it('local:reset --yes stops the broker and deletes exactly the paths it lists, keeping the logs', async () => {
    // Prepare
    const printed: string[] = [];
    const listed = broker.service.dataPaths().map((data) => data.path);
    const localBefore = readdirSync(broker.local).sort();

    // Act
    const code = await resetCommand(['--yes'], [broker.service], (line) => printed.push(line));

    // Assess
    expect(code).toBe(0);
    expect(printed.join('\n')).toMatch(/Stopped kafka\nDeleted:/);
    expect(listed.filter((path) => existsSync(path))).toEqual([]);
    expect(processState(managedBroker(broker.layout))).toEqual({ state: 'stopped' });
    // Stopping drops the broker's stack.json entry (and the file with its last entry); nothing else goes.
    expect(readdirSync(broker.local).sort()).toEqual(
      localBefore.filter((entry) => !listed.includes(join(broker.local, entry)) && entry !== 'stack.json'),
    );
    expect(localBefore).toContain('stack.json');
    expect(existsSync(broker.layout.logFile)).toBe(true);
  });
});
