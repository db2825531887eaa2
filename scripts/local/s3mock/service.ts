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
import { putStackEntry, removeStackEntry, type S3StackEntry } from '../stackFile';
import { requireTool } from '../tools';
import { renderLoopbackBeans, s3MockArgs } from './config';
import { checkS3Health } from './health';
import { type S3MockLayout, s3MockLayout } from './layout';
import { LOCAL_BUCKETS, S3_HOST, S3_HTTP_PORT, S3_HTTPS_PORT, S3MOCK_VERSION } from './version';

const NAME = 's3';
const ENDPOINT = `http://${S3_HOST}:${S3_HTTP_PORT}`;
const STARTUP_TIMEOUT_MS = 90_000;
/** How long an already running but not (yet) answering server gets before we restart it. */
const REUSE_GRACE_MS = 15_000;

function managed(layout: S3MockLayout): ManagedProcess {
  return { name: 's3mock', pidFile: layout.pidFile, marker: layout.loopbackBeans };
}

function stackEntry(): S3StackEntry {
  return { endpoint: ENDPOINT, region: LOCAL_AWS_REGION, forcePathStyle: true, buckets: [...LOCAL_BUCKETS] };
}

async function startFresh(layout: S3MockLayout, log: (message: string) => void): Promise<void> {
  for (const port of [S3_HTTP_PORT, S3_HTTPS_PORT]) {
    if (!(await isPortFree(port, S3_HOST))) throw new PortInUseError('S3Mock', port, S3_HOST);
  }
  const java = requireTool('java');
  await fetchMavenJars({
    pom: layout.pom,
    libsDir: layout.libsDir,
    properties: { 's3mock.version': S3MOCK_VERSION },
    log,
  });
  // Objects are test data: every fresh start begins with empty buckets, like the broker's fresh storage.
  rmSync(layout.dir, { recursive: true, force: true });
  mkdirSync(layout.dataDir, { recursive: true });
  writeFileSync(layout.loopbackBeans, renderLoopbackBeans());
  writeFileSync(layout.logFile, '');
  const pid = spawnDetached(managed(layout), java, s3MockArgs(layout), {
    cwd: layout.dir,
    logFile: layout.logFile,
  });
  log(`Started S3Mock ${S3MOCK_VERSION} (pid ${pid}); waiting for ListBuckets on ${ENDPOINT}`);
  let exited = false;
  const ready = await waitFor(
    async () => {
      exited = !isAlive(pid);
      return exited || (await checkS3Health(ENDPOINT)).healthy;
    },
    { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500 },
  );
  if (ready && !exited) return;
  if (!exited) await stopProcess(managed(layout));
  rmSync(layout.pidFile, { force: true });
  const why = exited ? 'exited during startup' : `did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`;
  throw new Error(`S3Mock ${why}. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
}

/** The local S3: Adobe S3Mock on 127.0.0.1:9090 (HTTP) with the local buckets, answering the real AWS SDK. */
export const s3MockService: LocalService = {
  name: NAME,

  async up(log): Promise<ServiceUp> {
    const layout = s3MockLayout();
    const state = processState(managed(layout));
    if (state.state === 'running') {
      const reusable = await waitFor(async () => (await checkS3Health(ENDPOINT)).healthy, {
        timeoutMs: REUSE_GRACE_MS,
        intervalMs: 500,
      });
      if (reusable) {
        putStackEntry(NAME, stackEntry());
        return { startedNow: false, entry: stackEntry() };
      }
      log(`S3Mock (pid ${state.pid}) runs but does not answer; restarting it`);
      await stopProcess(managed(layout));
    } else if (state.state === 'stale') {
      rmSync(layout.pidFile, { force: true });
    }
    await startFresh(layout, log);
    putStackEntry(NAME, stackEntry());
    return { startedNow: true, entry: stackEntry() };
  },

  async down(): Promise<boolean> {
    const stopped = await stopProcess(managed(s3MockLayout()), 15_000);
    removeStackEntry(NAME);
    return stopped;
  },

  async status(): Promise<ServiceStatus> {
    const state = processState(managed(s3MockLayout()));
    if (state.state === 'running') {
      const health = await checkS3Health(ENDPOINT);
      return health.healthy
        ? { name: NAME, state: 'running', pid: state.pid, endpoint: ENDPOINT, detail: 'ListBuckets answers' }
        : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint: ENDPOINT, detail: health.reason };
    }
    if (!(await isPortFree(S3_HTTP_PORT, S3_HOST))) {
      const detail = `in use by a process we did not start ${describePortOwner(S3_HTTP_PORT)}`.trim();
      return { name: NAME, state: 'port-taken', endpoint: ENDPOINT, detail };
    }
    const detail = state.state === 'stale' ? `stale pid file (${state.reason})` : undefined;
    return { name: NAME, state: 'stopped', endpoint: ENDPOINT, detail };
  },
};
