import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { newPassword } from '../kafka/config';
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
import { putStackEntry, removeStackEntry } from '../stackFile';
import { MissingToolError } from '../tools';
import {
  MARIADB_CDC_USER,
  MARIADB_HOST,
  MARIADB_PORT,
  MARIADB_SERVER_ID,
  type MariaDbLayout,
  mariaDbLayout,
} from './layout';
import { setupSql } from './setup';

const run = promisify(execFile);
const NAME = 'mariadb';
const INSTALL_HINT =
  'The local CDC source needs MariaDB server binaries (Debian: apt-get install mariadb-server).';

/** `mariadbd`, `mariadb-install-db`, `mariadb`: on PATH or in /usr/sbin (where Debian puts the server). */
function tool(name: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin']) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  throw new MissingToolError(name, INSTALL_HINT);
}

const managed = (layout: MariaDbLayout): ManagedProcess => ({
  name: NAME,
  pidFile: layout.pidFile,
  marker: layout.dataDir,
});

/** The `mariadb` entry of .local/stack.json. */
export interface MariaDbStackEntry {
  host: string;
  port: number;
  user: string;
  /** `password=…` (0600); connector configs reference it as `${file:secrets/connect/mariadb-cdc.properties:password}`. */
  passwordFile: string;
}

const entryOf = (layout: MariaDbLayout): MariaDbStackEntry => ({
  host: MARIADB_HOST,
  port: MARIADB_PORT,
  user: MARIADB_CDC_USER,
  passwordFile: layout.passwordFile,
});

/** Runs SQL as root over the server's socket (root needs no password there; nothing listens beyond loopback). */
export async function rootSql(layout: MariaDbLayout, sql: string): Promise<string> {
  const child = run(tool('mariadb'), [
    '--no-defaults',
    `--socket=${layout.socket}`,
    '-uroot',
    '-N',
    '-B',
    '-e',
    sql,
  ]);
  return (await child).stdout;
}

async function healthy(layout: MariaDbLayout): Promise<boolean> {
  try {
    return (await rootSql(layout, 'SELECT @@log_bin, @@binlog_format')).trim() === '1\tROW';
  } catch {
    return false;
  }
}

function cdcPassword(layout: MariaDbLayout): string {
  if (existsSync(layout.passwordFile)) {
    const found = /^password=(.+)$/m.exec(readFileSync(layout.passwordFile, 'utf8'))?.[1];
    if (found) return found;
  }
  const password = newPassword();
  mkdirSync(join(layout.passwordFile, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(layout.passwordFile, `username=${MARIADB_CDC_USER}\npassword=${password}\n`, { mode: 0o600 });
  return password;
}

async function start(layout: MariaDbLayout, log: (message: string) => void): Promise<void> {
  if (!(await isPortFree(MARIADB_PORT, MARIADB_HOST)))
    throw new PortInUseError(NAME, MARIADB_PORT, MARIADB_HOST);
  const server = tool('mariadbd');
  mkdirSync(layout.dataDir, { recursive: true });
  if (readdirSync(layout.dataDir).length === 0) {
    log(`${layout.dataDir} is empty: creating a MariaDB data directory`);
    await run(tool('mariadb-install-db'), [
      '--no-defaults',
      `--datadir=${layout.dataDir}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      `--user=${process.env.USER || 'root'}`,
    ]);
  }
  // Debezium reads the binlog: on, row-based, full row images (https://debezium.io/documentation/reference/stable/connectors/mariadb.html).
  const args = [
    '--no-defaults',
    `--datadir=${layout.dataDir}`,
    `--port=${MARIADB_PORT}`,
    `--bind-address=${MARIADB_HOST}`,
    `--socket=${layout.socket}`,
    `--user=${process.env.USER || 'root'}`,
    `--server-id=${MARIADB_SERVER_ID}`,
    '--log-bin=mariadb-bin',
    '--binlog-format=ROW',
    '--binlog-row-image=FULL',
    '--skip-name-resolve',
  ];
  mkdirSync(join(layout.socket, '..'), { recursive: true });
  writeFileSync(layout.logFile, '', { flag: 'a' });
  const pid = spawnDetached(managed(layout), server, args, { cwd: layout.dir, logFile: layout.logFile });
  log(`Started MariaDB (pid ${pid}) on ${MARIADB_HOST}:${MARIADB_PORT} with its binlog on`);
  const ready = await waitFor(async () => !isAlive(pid) || (await healthy(layout)), {
    timeoutMs: 60_000,
    intervalMs: 500,
  });
  if (ready && isAlive(pid)) return;
  await stopProcess(managed(layout));
  throw new Error(`MariaDB did not start. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
}

/** The project's own MariaDB (binlog on) on 127.0.0.1:3307, data under .local/mariadb; the CDC example's source. */
export function createMariaDbService(layoutOf: () => MariaDbLayout = () => mariaDbLayout()): LocalService {
  return {
    name: NAME,
    async up(log): Promise<ServiceUp> {
      const layout = layoutOf();
      const state = processState(managed(layout));
      let startedNow = false;
      if (
        state.state !== 'running' ||
        !(await waitFor(() => healthy(layout), { timeoutMs: 10_000, intervalMs: 500 }))
      ) {
        if (state.state === 'running') await stopProcess(managed(layout));
        rmSync(layout.pidFile, { force: true });
        await start(layout, log);
        startedNow = true;
      }
      await rootSql(layout, setupSql(cdcPassword(layout)));
      const entry = entryOf(layout);
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
      const endpoint = `${MARIADB_HOST}:${MARIADB_PORT}`;
      const state = processState(managed(layout));
      if (state.state === 'running')
        return (await healthy(layout))
          ? { name: NAME, state: 'running', pid: state.pid, endpoint, detail: 'binlog ROW' }
          : { name: NAME, state: 'unhealthy', pid: state.pid, endpoint };
      if (!(await isPortFree(MARIADB_PORT, MARIADB_HOST)))
        return {
          name: NAME,
          state: 'port-taken',
          endpoint,
          detail: describePortOwner(MARIADB_PORT) || undefined,
        };
      return { name: NAME, state: 'stopped', endpoint };
    },
    dataPaths(): DataPath[] {
      const layout = layoutOf();
      return [{ path: layout.dir, what: 'MariaDB data directory (the CDC example source) and its binlog' }];
    },
  };
}

export const mariaDbService: LocalService = createMariaDbService();
