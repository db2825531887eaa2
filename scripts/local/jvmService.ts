import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { HealthCheck } from './health';
import { fetchMavenJars } from './maven';
import { describePortOwner, isPortFree, PortInUseError } from './ports';
import {
  isAlive,
  type ManagedProcess,
  processState,
  spawnDetached,
  stopProcess,
  tailFile,
  waitFor,
} from './process';
import type { DataPath, LocalService, ServiceStatus, ServiceUp } from './service';
import { putStackEntry, removeStackEntry } from './stackFile';
import { requireTool } from './tools';

/** What differs between our single-JVM local services (ElasticMQ, S3Mock): everything else is shared. */
export interface JvmServiceSpec {
  /** Key in .local/stack.json (`sqs`, `s3`). */
  name: string;
  /** Product name for messages (`ElasticMQ`). */
  label: string;
  version: string;
  host: string;
  /** Ports it binds; the first is the endpoint's. All must be free for a fresh start. */
  ports: number[];
  endpoint: string;
  /** The request the health check makes, for messages (`ListQueues`). */
  healthCall: string;
  health: (endpoint: string) => Promise<HealthCheck>;
  startupTimeoutMs: number;
  stopGraceMs: number;
  /** Files and folders of one instance (computed per call: the repo root can be overridden). */
  layout: () => {
    dir: string;
    pidFile: string;
    logFile: string;
    pom: string;
    libsDir: string;
    /** A file only this instance's command line names, to recognise our process. */
    marker: string;
  };
  /** Maven properties selecting the version in the service's pom. */
  mavenProperties: Record<string, string>;
  /** Where the server keeps what it was sent; kept across restarts, deleted only by `local:reset`. */
  dataPaths: () => DataPath[];
  /** Writes the instance's configuration into `dir` (which may hold its data) and returns the JVM arguments. */
  prepare: () => string[];
  stackEntry: () => unknown;
}

/** How long an already running but not (yet) answering server gets before we restart it. */
const REUSE_GRACE_MS = 15_000;

/**
 * A LocalService for a server that runs as one JVM from Maven Central jars: fetched once into the cache,
 * started detached on the data it already has (never wiped: only `local:reset` deletes it), health-checked
 * through the real AWS SDK, reused when already healthy, stopped only when we started it.
 */
export function defineJvmService(spec: JvmServiceSpec): LocalService {
  const managed = (): ManagedProcess => {
    const layout = spec.layout();
    return { name: spec.label.toLowerCase(), pidFile: layout.pidFile, marker: layout.marker };
  };
  const healthy = async () => (await spec.health(spec.endpoint)).healthy;

  async function start(log: (message: string) => void): Promise<void> {
    const layout = spec.layout();
    for (const port of spec.ports) {
      if (!(await isPortFree(port, spec.host))) throw new PortInUseError(spec.label, port, spec.host);
    }
    const java = requireTool('java');
    await fetchMavenJars({ pom: layout.pom, libsDir: layout.libsDir, properties: spec.mavenProperties, log });
    mkdirSync(layout.dir, { recursive: true });
    const args = spec.prepare();
    writeFileSync(layout.logFile, '');
    const pid = spawnDetached(managed(), java, args, { cwd: layout.dir, logFile: layout.logFile });
    log(
      `Started ${spec.label} ${spec.version} (pid ${pid}); waiting for ${spec.healthCall} on ${spec.endpoint}`,
    );
    let exited = false;
    const ready = await waitFor(
      async () => {
        exited = !isAlive(pid);
        return exited || (await healthy());
      },
      { timeoutMs: spec.startupTimeoutMs, intervalMs: 500 },
    );
    if (ready && !exited) return;
    if (!exited) await stopProcess(managed());
    rmSync(layout.pidFile, { force: true });
    const why = exited ? 'exited during startup' : `did not answer within ${spec.startupTimeoutMs / 1000} s`;
    throw new Error(`${spec.label} ${why}. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
  }

  return {
    name: spec.name,

    async up(log): Promise<ServiceUp> {
      const state = processState(managed());
      if (state.state === 'running') {
        if (await waitFor(healthy, { timeoutMs: REUSE_GRACE_MS, intervalMs: 500 })) {
          putStackEntry(spec.name, spec.stackEntry());
          return { startedNow: false, entry: spec.stackEntry() };
        }
        log(`${spec.label} (pid ${state.pid}) runs but does not answer; restarting it`);
        await stopProcess(managed());
      } else if (state.state === 'stale') {
        rmSync(spec.layout().pidFile, { force: true });
      }
      await start(log);
      putStackEntry(spec.name, spec.stackEntry());
      return { startedNow: true, entry: spec.stackEntry() };
    },

    dataPaths: spec.dataPaths,

    async down(): Promise<boolean> {
      const stopped = await stopProcess(managed(), spec.stopGraceMs);
      removeStackEntry(spec.name);
      return stopped;
    },

    async status(): Promise<ServiceStatus> {
      const base = { name: spec.name, endpoint: spec.endpoint };
      const state = processState(managed());
      if (state.state === 'running') {
        const health = await spec.health(spec.endpoint);
        return health.healthy
          ? { ...base, state: 'running', pid: state.pid, detail: `${spec.healthCall} answers` }
          : { ...base, state: 'unhealthy', pid: state.pid, detail: health.reason };
      }
      const [port] = spec.ports;
      if (port !== undefined && !(await isPortFree(port, spec.host))) {
        return {
          ...base,
          state: 'port-taken',
          detail: `in use by a process we did not start ${describePortOwner(port)}`.trim(),
        };
      }
      return {
        ...base,
        state: 'stopped',
        detail: state.state === 'stale' ? `stale pid file (${state.reason})` : undefined,
      };
    },
  };
}
