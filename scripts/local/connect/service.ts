import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { KAFKA_VERSION } from '../kafka/version';
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
import type { DataPath, LocalService, ServiceStatus, ServiceUp } from '../service';
import { putStackEntry, readStackFile, removeStackEntry } from '../stackFile';
import { requireTool } from '../tools';
import { renderConnectLog4j, renderWorkerProperties } from './config';
import { CONNECT_HOST, CONNECT_PORT, type ConnectLayout, connectLayout } from './layout';
import { fetchDebeziumPlugins } from './plugins';

const NAME = 'connect';
const STARTUP_TIMEOUT_MS = 180_000;
/** The connector classes the worker must offer before it counts as up. */
const REQUIRED_PLUGINS = [
  'io.debezium.connector.mariadb.MariaDbConnector',
  'io.debezium.connector.jdbc.JdbcSinkConnector',
];

/** The `connect` entry of .local/stack.json. */
export interface ConnectStackEntry {
  url: string;
  plugins: string[];
}

const url = `http://${CONNECT_HOST}:${CONNECT_PORT}`;
const managed = (layout: ConnectLayout): ManagedProcess => ({
  name: NAME,
  pidFile: layout.pidFile,
  marker: layout.workerProperties,
});

/** The connector classes the worker offers, or undefined when its REST API does not answer. */
async function plugins(): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return undefined;
    return ((await response.json()) as { class: string }[]).map((p) => p.class);
  } catch {
    return undefined;
  }
}

const healthy = async () => {
  const offered = await plugins();
  return offered !== undefined && REQUIRED_PLUGINS.every((p) => offered.includes(p));
};

/** Jars and plugins fetched (once, into the cache), the worker's config written; the worker runs as the broker's admin. */
async function prepare(layout: ConnectLayout, log: (message: string) => void): Promise<string> {
  const kafka = readStackFile(layout.stackFile).kafka;
  if (!kafka) throw new Error('Kafka Connect needs the local broker: start the kafka service first');
  const java = requireTool('java');
  await fetchMavenJars({
    pom: layout.pom,
    libsDir: layout.libsDir,
    properties: { 'kafka.version': KAFKA_VERSION },
    log,
  });
  await fetchDebeziumPlugins(layout.pluginsDir, log);
  const admin = JSON.parse(readFileSync(kafka.adminSecretFile, 'utf8')) as {
    username: string;
    password: string;
  };
  mkdirSync(layout.dir, { recursive: true });
  writeFileSync(
    layout.workerProperties,
    renderWorkerProperties({
      bootstrapServers: kafka.bootstrapServers,
      ...admin,
      pluginsDir: layout.pluginsDir,
    }),
    { mode: 0o600 },
  );
  chmodSync(layout.workerProperties, 0o600);
  writeFileSync(layout.log4jProperties, renderConnectLog4j());
  return java;
}

async function start(layout: ConnectLayout, log: (message: string) => void): Promise<void> {
  if (!(await isPortFree(CONNECT_PORT, CONNECT_HOST)))
    throw new PortInUseError(NAME, CONNECT_PORT, CONNECT_HOST);
  const java = await prepare(layout, log);
  const args = [
    '-Xms128m',
    '-Xmx768m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j.configuration=file:${layout.log4jProperties}`,
    '-cp',
    `${layout.libsDir}/*`,
    'org.apache.kafka.connect.cli.ConnectDistributed',
    layout.workerProperties,
  ];
  writeFileSync(layout.logFile, '');
  // The working directory is .local: connector configs reference secrets as ${file:secrets/connect/…}.
  const pid = spawnDetached(managed(layout), java, args, { cwd: layout.workDir, logFile: layout.logFile });
  log(
    `Started Kafka Connect ${KAFKA_VERSION} (pid ${pid}); waiting for its REST API on ${url} to list the Debezium plugins`,
  );
  const ready = await waitFor(async () => !isAlive(pid) || (await healthy()), {
    timeoutMs: STARTUP_TIMEOUT_MS,
    intervalMs: 1000,
  });
  if (ready && isAlive(pid)) return;
  await stopProcess(managed(layout));
  throw new Error(
    `Kafka Connect did not start. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`,
  );
}

/** A local Kafka Connect distributed worker on 127.0.0.1:8083 with Debezium's MariaDB source and JDBC sink. */
export function createConnectService(layoutOf: () => ConnectLayout = () => connectLayout()): LocalService {
  return {
    name: NAME,
    async up(log): Promise<ServiceUp> {
      const layout = layoutOf();
      const state = processState(managed(layout));
      let startedNow = false;
      if (state.state !== 'running' || !(await waitFor(healthy, { timeoutMs: 30_000, intervalMs: 1000 }))) {
        if (state.state === 'running') await stopProcess(managed(layout));
        rmSync(layout.pidFile, { force: true });
        await start(layout, log);
        startedNow = true;
      }
      const entry: ConnectStackEntry = { url, plugins: (await plugins()) ?? [] };
      putStackEntry(NAME, entry, layout.stackFile);
      return { startedNow, entry };
    },
    async down(): Promise<boolean> {
      const layout = layoutOf();
      const stopped = await stopProcess(managed(layout));
      removeStackEntry(NAME, layout.stackFile);
      return stopped;
    },
    async status(): Promise<ServiceStatus> {
      const layout = layoutOf();
      const state = processState(managed(layout));
      if (state.state === 'running')
        return (await healthy())
          ? { name: NAME, state: 'running', pid: state.pid, endpoint: url, detail: 'Debezium plugins loaded' }
          : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint: url };
      if (!(await isPortFree(CONNECT_PORT, CONNECT_HOST)))
        return {
          name: NAME,
          state: 'port-taken',
          endpoint: url,
          detail: describePortOwner(CONNECT_PORT) || undefined,
        };
      return { name: NAME, state: 'stopped', endpoint: url };
    },
    dataPaths(): DataPath[] {
      // Connector configs and offsets live in the broker's internal topics (the kafka service's data).
      return [{ path: layoutOf().dir, what: "Kafka Connect worker's generated config" }];
    },
  };
}

export const connectService: LocalService = createConnectService();
