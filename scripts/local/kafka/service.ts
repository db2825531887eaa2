import { rmSync } from 'node:fs';
import { describePortOwner, isPortFree } from '../ports';
import { processState, stopProcess } from '../process';
import type { DataPath, LocalService, ServiceStatus, ServiceUp } from '../service';
import { putStackEntry, removeStackEntry } from '../stackFile';
import { awaitAdminRestoring } from './adminRepair';
import { brokerStackEntry, managedBroker, prepareJava, startBroker } from './broker';
import { checkSecretsFor, writeClusterMarker } from './clusterSecrets';
import { AdminLoginError, UnrecognisedStorageError } from './errors';
import { checkKafkaHealth } from './health';
import { type KafkaLayout, kafkaLayout } from './layout';
import { formatEmptyStorage, inspectStorage } from './storage';
import { KAFKA_VERSION } from './version';

const NAME = 'kafka';
/** How long an already running but not (yet) answering broker gets before we restart it. */
const REUSE_GRACE_MS = 30_000;

/** A local Kafka broker service, with the layout it runs from (tests start private ones on other ports). */
export interface KafkaService extends LocalService {
  layout(): KafkaLayout;
}

/** Records the marker of secrets that had none, now that the admin has really logged in with them. */
function adoptSecrets(layout: KafkaLayout, clusterId: string, log: (message: string) => void): void {
  if (checkSecretsFor(layout, clusterId) === 'marked') return;
  writeClusterMarker(layout, clusterId);
  log(`Recorded that the secrets in ${layout.secretsDir} belong to Kafka cluster ${clusterId}`);
}

/** Starts the broker on its storage, formatting it first only when the data directory is empty. */
async function start(layout: KafkaLayout, log: (message: string) => void): Promise<void> {
  const java = await prepareJava(layout, log);
  const storage = inspectStorage(layout);
  if (storage.kind === 'unrecognised') throw new UnrecognisedStorageError(layout, storage.entries);
  if (storage.kind === 'empty') {
    log(`${layout.dataDir} is empty: formatting a fresh Kafka ${KAFKA_VERSION} storage`);
    const clusterId = await formatEmptyStorage(layout, java, log);
    log(`Formatted Kafka cluster ${clusterId}; its admin secret is ${layout.adminSecretFile}`);
    await startBroker(layout, java, log);
    return;
  }
  checkSecretsFor(layout, storage.clusterId);
  log(`Starting Kafka on its existing storage (cluster ${storage.clusterId}) in ${layout.dataDir}`);
  await startBroker(layout, java, log);
  adoptSecrets(layout, storage.clusterId, log);
}

/**
 * A local Kafka broker (KRaft, single node, SASL/SCRAM-SHA-512, ACLs enforced). `up` never formats a storage
 * that holds data: a broker that is down is restarted on it, an admin that cannot log in is an error.
 */
export function createKafkaService(layoutOf: () => KafkaLayout = () => kafkaLayout()): KafkaService {
  return {
    name: NAME,
    layout: layoutOf,

    async up(log): Promise<ServiceUp> {
      const layout = layoutOf();
      const entry = brokerStackEntry(layout);
      const state = processState(managedBroker(layout));
      if (state.state === 'running') {
        const wait = await awaitAdminRestoring(layout, entry, { timeoutMs: REUSE_GRACE_MS }, log);
        if (wait.outcome === 'healthy') {
          const storage = inspectStorage(layout);
          if (storage.kind === 'formatted') adoptSecrets(layout, storage.clusterId, log);
          putStackEntry(NAME, entry, layout.stackFile);
          return { startedNow: false, entry };
        }
        if (wait.outcome === 'auth-failed') throw new AdminLoginError(layout, wait.reason);
        log(
          `Kafka (pid ${state.pid}) runs but does not answer (${wait.reason}); restarting it on its storage`,
        );
        await stopProcess(managedBroker(layout));
      } else if (state.state === 'stale') {
        log(`Kafka is down (stale pid file: ${state.reason}); starting it again`);
        rmSync(layout.pidFile, { force: true });
      }
      await start(layout, log);
      putStackEntry(NAME, entry, layout.stackFile);
      return { startedNow: true, entry };
    },

    async down(): Promise<boolean> {
      const layout = layoutOf();
      const stopped = await stopProcess(managedBroker(layout));
      removeStackEntry(NAME, layout.stackFile);
      return stopped;
    },

    async status(): Promise<ServiceStatus> {
      const layout = layoutOf();
      const endpoint = `${layout.host}:${layout.clientPort}`;
      const state = processState(managedBroker(layout));
      if (state.state === 'running') {
        const health = await checkKafkaHealth(brokerStackEntry(layout));
        return health.healthy
          ? { name: NAME, state: 'running', pid: state.pid, endpoint, detail: 'SCRAM admin connects' }
          : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint, detail: health.reason };
      }
      if (!(await isPortFree(layout.clientPort, layout.host))) {
        const owner = describePortOwner(layout.clientPort);
        const detail = `in use by a process we did not start ${owner}`.trim();
        return { name: NAME, state: 'port-taken', endpoint, detail };
      }
      const storage = inspectStorage(layout);
      const details = [
        state.state === 'stale' ? `stale pid file (${state.reason})` : undefined,
        storage.kind === 'formatted' ? `storage of cluster ${storage.clusterId} kept` : undefined,
      ].filter((detail) => detail !== undefined);
      return { name: NAME, state: 'stopped', endpoint, detail: details.join('; ') || undefined };
    },

    dataPaths(): DataPath[] {
      const layout = layoutOf();
      return [
        { path: layout.dir, what: 'Kafka storage (topics, ACLs, SCRAM users) and its config' },
        { path: layout.secretsDir, what: 'secret files: the Kafka admin and onboarded principals' },
        { path: layout.staleSecretsDir, what: 'secret files of earlier clusters, set aside' },
      ];
    },
  };
}

/** The local stack's broker: 127.0.0.1:9096, files under .local/. */
export const kafkaService: KafkaService = createKafkaService();
