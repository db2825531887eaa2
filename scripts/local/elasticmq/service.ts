import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { LOCAL_AWS_REGION } from '../../../tasks/shared/aws/local';
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
import { putStackEntry, removeStackEntry, type SqsStackEntry } from '../stackFile';
import { requireTool } from '../tools';
import { elasticMqJvmFlags, renderElasticMqConfig } from './config';
import { checkSqsHealth } from './health';
import { type ElasticMqLayout, elasticMqLayout } from './layout';
import { ELASTICMQ_VERSION, LOCAL_QUEUES, SQS_ACCOUNT_ID, SQS_HOST, SQS_PORT } from './version';

const NAME = 'sqs';
const ENDPOINT = `http://${SQS_HOST}:${SQS_PORT}`;
const STARTUP_TIMEOUT_MS = 60_000;
/** How long an already running but not (yet) answering server gets before we restart it. */
const REUSE_GRACE_MS = 15_000;

function managed(layout: ElasticMqLayout): ManagedProcess {
  return { name: 'elasticmq', pidFile: layout.pidFile, marker: layout.configFile };
}

function stackEntry(): SqsStackEntry {
  const queues = Object.fromEntries(LOCAL_QUEUES.map((q) => [q, `${ENDPOINT}/${SQS_ACCOUNT_ID}/${q}`]));
  return { endpoint: ENDPOINT, region: LOCAL_AWS_REGION, queues };
}

async function startFresh(layout: ElasticMqLayout, log: (message: string) => void): Promise<void> {
  if (!(await isPortFree(SQS_PORT, SQS_HOST))) throw new PortInUseError('ElasticMQ', SQS_PORT, SQS_HOST);
  const java = requireTool('java');
  await fetchMavenJars({
    pom: layout.pom,
    libsDir: layout.libsDir,
    properties: { 'elasticmq.version': ELASTICMQ_VERSION },
    log,
  });
  // Queues live in memory: every fresh start begins empty, like the broker's fresh storage.
  rmSync(layout.dir, { recursive: true, force: true });
  mkdirSync(layout.dir, { recursive: true });
  writeFileSync(layout.configFile, renderElasticMqConfig());
  writeFileSync(layout.logFile, '');
  const pid = spawnDetached(managed(layout), java, elasticMqJvmFlags(layout.configFile, layout.libsDir), {
    cwd: layout.dir,
    logFile: layout.logFile,
  });
  log(`Started ElasticMQ ${ELASTICMQ_VERSION} (pid ${pid}); waiting for ListQueues on ${ENDPOINT}`);
  let exited = false;
  const ready = await waitFor(
    async () => {
      exited = !isAlive(pid);
      return exited || (await checkSqsHealth(ENDPOINT)).healthy;
    },
    { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500 },
  );
  if (ready && !exited) return;
  if (!exited) await stopProcess(managed(layout));
  rmSync(layout.pidFile, { force: true });
  const why = exited ? 'exited during startup' : `did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`;
  throw new Error(`ElasticMQ ${why}. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
}

/** The local SQS: ElasticMQ on 127.0.0.1:9324 with the DLQ queue, answering the real AWS SDK. */
export const elasticMqService: LocalService = {
  name: NAME,

  async up(log): Promise<ServiceUp> {
    const layout = elasticMqLayout();
    const state = processState(managed(layout));
    if (state.state === 'running') {
      const reusable = await waitFor(async () => (await checkSqsHealth(ENDPOINT)).healthy, {
        timeoutMs: REUSE_GRACE_MS,
        intervalMs: 500,
      });
      if (reusable) {
        putStackEntry(NAME, stackEntry());
        return { startedNow: false, entry: stackEntry() };
      }
      log(`ElasticMQ (pid ${state.pid}) runs but does not answer; restarting it`);
      await stopProcess(managed(layout));
    } else if (state.state === 'stale') {
      rmSync(layout.pidFile, { force: true });
    }
    await startFresh(layout, log);
    putStackEntry(NAME, stackEntry());
    return { startedNow: true, entry: stackEntry() };
  },

  async down(): Promise<boolean> {
    const stopped = await stopProcess(managed(elasticMqLayout()), 10_000);
    removeStackEntry(NAME);
    return stopped;
  },

  async status(): Promise<ServiceStatus> {
    const state = processState(managed(elasticMqLayout()));
    if (state.state === 'running') {
      const health = await checkSqsHealth(ENDPOINT);
      return health.healthy
        ? { name: NAME, state: 'running', pid: state.pid, endpoint: ENDPOINT, detail: 'ListQueues answers' }
        : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint: ENDPOINT, detail: health.reason };
    }
    if (!(await isPortFree(SQS_PORT, SQS_HOST))) {
      const detail = `in use by a process we did not start ${describePortOwner(SQS_PORT)}`.trim();
      return { name: NAME, state: 'port-taken', endpoint: ENDPOINT, detail };
    }
    const detail = state.state === 'stale' ? `stale pid file (${state.reason})` : undefined;
    return { name: NAME, state: 'stopped', endpoint: ENDPOINT, detail };
  },
};
