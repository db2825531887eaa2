import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A long-running process the local stack owns, recognised by its pid file and a marker in its command line. */
export interface ManagedProcess {
  name: string;
  pidFile: string;
  /** A string only our process has in its command line (e.g. the absolute path of its generated config). */
  marker: string;
}

/** What the pid file says about a managed process. */
export type ProcessState =
  | { state: 'running'; pid: number }
  | { state: 'stopped' }
  | { state: 'stale'; pid: number; reason: string };

function psLine(pid: number): { stat: string; args: string } | undefined {
  try {
    const line = execFileSync('ps', ['-ww', '-o', 'stat=,args=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    const [stat = '', ...args] = line.split(/\s+/);
    return line ? { stat, args: args.join(' ') } : undefined;
  } catch {
    return undefined; // ps exits 1 when the pid does not exist
  }
}

/** The pid in `pidFile`, if the file holds one. */
export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

/** True when `pid` exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const ps = psLine(pid);
  return ps !== undefined && !ps.stat.startsWith('Z');
}

/** Whether the managed process runs, has stopped, or left a pid file pointing at a dead or foreign pid. */
export function processState(proc: ManagedProcess): ProcessState {
  const pid = readPid(proc.pidFile);
  if (pid === undefined) return { state: 'stopped' };
  const ps = psLine(pid);
  if (!ps || ps.stat.startsWith('Z')) return { state: 'stale', pid, reason: 'process exited' };
  if (!ps.args.includes(proc.marker))
    return { state: 'stale', pid, reason: 'pid now belongs to another program' };
  return { state: 'running', pid };
}

/** Starts `command` in its own process group (it outlives us), output appended to `logFile`; writes the pid file. */
export function spawnDetached(
  proc: ManagedProcess,
  command: string,
  args: string[],
  options: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  mkdirSync(dirname(proc.pidFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`Could not start ${proc.name} (${command})`);
    child.unref();
    writeFileSync(proc.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; `check` may throw to give up. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(options.intervalMs ?? 500);
  }
}

/** Stops the managed process group (SIGTERM, then SIGKILL after `graceMs`) and removes its pid file. */
export async function stopProcess(proc: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const state = processState(proc);
  if (state.state !== 'running') {
    rmSync(proc.pidFile, { force: true });
    return false;
  }
  signalGroup(state.pid, 'SIGTERM');
  if (!(await waitFor(() => !isAlive(state.pid), { timeoutMs: graceMs, intervalMs: 250 }))) {
    signalGroup(state.pid, 'SIGKILL');
    await waitFor(() => !isAlive(state.pid), { timeoutMs: 10_000, intervalMs: 100 });
  }
  // Anything the leader left behind in its group goes too.
  signalGroup(state.pid, 'SIGKILL');
  rmSync(proc.pidFile, { force: true });
  return true;
}

/** The last `lines` lines of a log file, for error messages ('' when there is none). */
export function tailFile(path: string, lines = 30): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}
