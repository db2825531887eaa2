import { rmSync } from 'node:fs';
import { fetchMavenJars } from '../maven';
import { describePortOwner, isPortFree, PortInUseError } from '../ports';
import {
  isAlive,
  type ManagedProcess,
  processState,
  spawnDetached,
  stopProcess,
  tailFile,
  waitFor,
} from '../process';
import type { LocalService, ServiceStatus, ServiceUp } from '../service';
import { type KafkaStackEntry, putStackEntry, removeStackEntry } from '../stackFile';
import { requireTool } from '../tools';
import { waitForGroupCoordinator } from './groupCoordinator';
import { checkKafkaHealth } from './health';
import { type KafkaLayout, kafkaLayout } from './layout';
import { formatFreshStorage, jvmFlags } from './storage';
import { KAFKA_CLIENT_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HOST, KAFKA_VERSION } from './version';

const NAME = 'kafka';
const STARTUP_TIMEOUT_MS = 90_000;
/** How long an already running but not (yet) answering broker gets before we restart it. */
const REUSE_GRACE_MS = 30_000;

function managed(layout: KafkaLayout): ManagedProcess {
  return { name: NAME, pidFile: layout.pidFile, marker: layout.serverProperties };
}

function stackEntry(layout: KafkaLayout): KafkaStackEntry {
  return {
    bootstrapServers: [`${KAFKA_HOST}:${KAFKA_CLIENT_PORT}`],
    saslMechanism: 'scram-sha-512',
    adminSecretFile: layout.adminSecretFile,
  };
}

async function assertPortsFree(): Promise<void> {
  for (const port of [KAFKA_CLIENT_PORT, KAFKA_CONTROLLER_PORT]) {
    if (!(await isPortFree(port, KAFKA_HOST))) throw new PortInUseError(NAME, port, KAFKA_HOST);
  }
}

async function startFresh(layout: KafkaLayout, log: (message: string) => void): Promise<void> {
  await assertPortsFree();
  const java = requireTool('java');
  await fetchMavenJars({
    pom: layout.pom,
    libsDir: layout.libsDir,
    properties: { 'kafka.version': KAFKA_VERSION },
    log,
  });
  log(`Formatting Kafka ${KAFKA_VERSION} storage in ${layout.dataDir}`);
  await formatFreshStorage(layout, java);
  const args = [...jvmFlags(layout), 'kafka.Kafka', layout.serverProperties];
  const pid = spawnDetached(managed(layout), java, args, { cwd: layout.dir, logFile: layout.logFile });
  log(
    `Started Kafka (pid ${pid}); waiting for a SCRAM-SHA-512 admin to connect on ${KAFKA_HOST}:${KAFKA_CLIENT_PORT}`,
  );

  const entry = stackEntry(layout);
  let exited = false;
  const ready = await waitFor(
    async () => {
      exited = !isAlive(pid);
      return exited || (await checkKafkaHealth(entry)).healthy;
    },
    { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 1_000 },
  );
  if (ready && !exited) {
    log('Kafka accepts the SCRAM admin; waiting until a consumer group can join');
    try {
      await waitForGroupCoordinator(entry, STARTUP_TIMEOUT_MS);
      return;
    } catch (error) {
      await stopProcess(managed(layout));
      throw error;
    }
  }
  if (!exited) await stopProcess(managed(layout));
  rmSync(layout.pidFile, { force: true });
  const why = exited
    ? 'exited during startup'
    : `did not accept a SCRAM admin within ${STARTUP_TIMEOUT_MS / 1000} s`;
  throw new Error(`Kafka ${why}. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
}

/** The local Kafka broker: KRaft, single node, SASL/SCRAM-SHA-512 on 127.0.0.1:9096, ACLs enforced. */
export const kafkaService: LocalService = {
  name: NAME,

  async up(log): Promise<ServiceUp> {
    const layout = kafkaLayout();
    const entry = stackEntry(layout);
    const state = processState(managed(layout));
    if (state.state === 'running') {
      const reusable = await waitFor(async () => (await checkKafkaHealth(entry)).healthy, {
        timeoutMs: REUSE_GRACE_MS,
        intervalMs: 1_000,
      });
      if (reusable) {
        putStackEntry(NAME, entry);
        return { startedNow: false, entry };
      }
      log(`Kafka (pid ${state.pid}) runs but no admin can connect; restarting it`);
      await stopProcess(managed(layout));
    } else if (state.state === 'stale') {
      rmSync(layout.pidFile, { force: true });
    }
    await startFresh(layout, log);
    putStackEntry(NAME, entry);
    return { startedNow: true, entry };
  },

  async down(): Promise<boolean> {
    const layout = kafkaLayout();
    const stopped = await stopProcess(managed(layout));
    removeStackEntry(NAME);
    return stopped;
  },

  async status(): Promise<ServiceStatus> {
    const layout = kafkaLayout();
    const endpoint = `${KAFKA_HOST}:${KAFKA_CLIENT_PORT}`;
    const state = processState(managed(layout));
    if (state.state === 'running') {
      const health = await checkKafkaHealth(stackEntry(layout));
      return health.healthy
        ? { name: NAME, state: 'running', pid: state.pid, endpoint, detail: 'SCRAM admin connects' }
        : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint, detail: health.reason };
    }
    if (!(await isPortFree(KAFKA_CLIENT_PORT, KAFKA_HOST))) {
      const owner = describePortOwner(KAFKA_CLIENT_PORT);
      return {
        name: NAME,
        state: 'port-taken',
        endpoint,
        detail: `in use by a process we did not start ${owner}`.trim(),
      };
    }
    const detail = state.state === 'stale' ? `stale pid file (${state.reason})` : undefined;
    return { name: NAME, state: 'stopped', endpoint, detail };
  },
};
