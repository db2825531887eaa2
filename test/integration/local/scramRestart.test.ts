import { readFileSync, writeFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { managedBroker } from '../../../scripts/local/kafka/broker';
import { metadataSnapshots } from '../../../scripts/local/kafka/snapshots';
import { processState } from '../../../scripts/local/process';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { withAdmin } from '../../../tasks/shared/kafka/client';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import { asLocalKafka, clientOf, type PrivateBroker, privateBroker } from '../../helpers/privateBroker';
import { deleteScramUser, upsertScramUser } from '../../helpers/scramUsers';

const START_TIMEOUT_MS = 240_000;

const clusterIdSeenBy = async (kafka: Kafka): Promise<string> =>
  (await withAdmin(kafka, (admin) => admin.describeCluster())).clusterId;

// Kafka 3.9's ScramDelta.apply() loses every SCRAM-SHA-512 user when, replaying a log onto an empty image, a
// deleted user comes first in the delta's HashMap (see scripts/local/kafka/snapshots.ts). These fixed names
// do: Java orders them u-churn-0, admin, u-churn-1, u-churn-2, u-keeper, so without a snapshot to restart from,
// the admin and u-keeper are both gone after the restart. Fixed names are safe here: the broker is private.
const CHURNED = ['u-churn-0', 'u-churn-1', 'u-churn-2'];
const KEPT = 'u-keeper';

describe('the local Kafka broker keeps its SCRAM users across restarts', () => {
  let broker: PrivateBroker;

  beforeAll(async () => {
    broker = await privateBroker();
    await broker.service.up(broker.log);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await broker.service.down();
    await broker.dispose();
  });

  it(
    'restarts with the admin and the remaining users able to log in after SCRAM users were created and deleted',
    async () => {
      // Prepare
      const target = await asLocalKafka(broker.layout);
      for (const user of CHURNED)
        await upsertScramUser({ username: user, password: `${user}-password` }, target);
      const password = 'u-keeper-password-0123456789';
      await upsertScramUser({ username: KEPT, password }, target);
      const secrets = new LocalFileSecretStore(broker.layout.secretsDir);
      await secrets.put(secretNameFor(KEPT), JSON.stringify({ username: KEPT, password }));
      for (const user of CHURNED) await deleteScramUser(user, target);
      const clusterId = await clusterIdSeenBy(await clientOf(broker.layout));
      await broker.service.down();
      broker.logs.length = 0;

      // Act
      const up = await broker.service.up(broker.log);

      // Assess
      expect(up.startedNow).toBe(true);
      expect(await clusterIdSeenBy(await clientOf(broker.layout))).toBe(clusterId);
      expect(await clusterIdSeenBy(await clientOf(broker.layout, secrets.pathOf(secretNameFor(KEPT))))).toBe(
        clusterId,
      );
      expect(broker.logs.join('\n')).not.toContain('restoring it');
      expect(metadataSnapshots(broker.layout).length).toBeGreaterThan(0);
    },
    START_TIMEOUT_MS,
  );

  it(
    'restores an admin credential the cluster lost only with the password the storage was formatted with',
    async () => {
      // Prepare: the admin's credential is deleted (as offboarding `admin` once did, issue 7).
      await deleteScramUser('admin', await asLocalKafka(broker.layout));
      const adminSecret = readFileSync(broker.layout.adminSecretFile, 'utf8');
      const running = processState(managedBroker(broker.layout));
      writeFileSync(broker.layout.adminSecretFile, JSON.stringify({ username: 'admin', password: 'not-it' }));
      broker.logs.length = 0;

      // Act
      const refused = broker.service.up(broker.log);
      await expect(refused).rejects.toMatchObject({
        name: 'AdminLoginError',
        message: expect.stringMatching(/not repaired: .*not the one in server\.properties.*left untouched/),
      });
      const stateAfterRefusal = processState(managedBroker(broker.layout));
      writeFileSync(broker.layout.adminSecretFile, adminSecret);
      const restored = await broker.service.up(broker.log);
      await broker.service.down();
      const restarted = await broker.service.up(broker.log);

      // Assess
      expect(stateAfterRefusal).toEqual(running);
      expect(restored.startedNow).toBe(false);
      expect(restarted.startedNow).toBe(true);
      const restoring = broker.logs.filter((line) => line.includes('restoring it'));
      expect(restoring).toHaveLength(1);
      expect(await clusterIdSeenBy(await clientOf(broker.layout))).toEqual(expect.any(String));
    },
    START_TIMEOUT_MS,
  );
});
