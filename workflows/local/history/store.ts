import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AslDefinition } from '../asl';
import { ExecutionRecorder } from './recorder';
import type { ExecutionRecord, RecordedHistoryEvent } from './types';

const EXECUTION = 'execution.json';
const HISTORY = 'history.ndjson';
const DEFINITION = 'definition.json';
const ID_PATTERN = /^\d{8}T\d{9}Z-[a-z0-9-]{1,64}-[0-9a-f]{6}$/;

/** What `begin` needs to know about an execution before it runs. */
export interface BeginExecution {
  workflow: string;
  name: string;
  input: unknown;
  /** The definition that runs: the console draws it. */
  definition: AslDefinition;
  startedAtMs?: number;
}

/** A recorded execution with its definition and history, as the console reads it. */
export interface StoredExecution {
  execution: ExecutionRecord;
  definition: AslDefinition;
  events: RecordedHistoryEvent[];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `2026-11-28T15:56:01.123Z` → `20261128T155601123Z` (sortable, path-safe). */
function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

/**
 * Executions recorded under one directory (`.local/executions/` for the CLI), one folder each:
 * `execution.json` (the record, rewritten atomically), `history.ndjson` (events appended as they
 * happen, so a running execution can be followed) and `definition.json`. Keeps the newest `keep`.
 */
export class ExecutionHistoryStore {
  constructor(
    readonly root: string,
    private readonly keep = 200,
  ) {}

  /** Creates the execution's folder, writes its start and returns the recorder for its events. */
  begin(options: BeginExecution): ExecutionRecorder {
    const startedAtMs = options.startedAtMs ?? Date.now();
    const slug =
      options.workflow
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .slice(0, 64) || 'workflow';
    const id = `${compactTime(startedAtMs)}-${slug}-${randomBytes(3).toString('hex')}`;
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, DEFINITION), JSON.stringify(options.definition));
    this.prune();
    return new ExecutionRecorder({
      id,
      startedAtMs,
      workflow: options.workflow,
      name: options.name,
      input: options.input,
      writeRecord: (record) => writeAtomically(join(dir, EXECUTION), JSON.stringify(record, null, 2)),
      appendEvents: (events) =>
        appendFileSync(join(dir, HISTORY), events.map((event) => `${JSON.stringify(event)}\n`).join('')),
    });
  }

  /** Every recorded execution, newest first. */
  list(): ExecutionRecord[] {
    return this.ids()
      .map((id) => this.record(id))
      .filter((record): record is ExecutionRecord => record !== undefined);
  }

  /** One execution with its definition and full history; undefined for an unknown or malformed id. */
  read(id: string): StoredExecution | undefined {
    const execution = this.record(id);
    if (!execution) return undefined;
    const definition = JSON.parse(readFileSync(join(this.root, id, DEFINITION), 'utf8')) as AslDefinition;
    return { execution, definition, events: this.events(id) };
  }

  /** The execution's history events with an id above `afterId` (a torn last line is not returned yet). */
  events(id: string, afterId = 0): RecordedHistoryEvent[] {
    if (!ID_PATTERN.test(id)) return [];
    const file = join(this.root, id, HISTORY);
    if (!existsSync(file)) return [];
    const events: RecordedHistoryEvent[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const event = JSON.parse(line) as RecordedHistoryEvent;
        if ((event.id ?? 0) > afterId) events.push(event);
      } catch {
        break; // being written right now
      }
    }
    return events;
  }

  /** The execution's record; a RUNNING one whose process has gone is reported ABORTED. */
  record(id: string): ExecutionRecord | undefined {
    if (!ID_PATTERN.test(id)) return undefined;
    const file = join(this.root, id, EXECUTION);
    if (!existsSync(file)) return undefined;
    const record = JSON.parse(readFileSync(file, 'utf8')) as ExecutionRecord;
    if (record.status === 'RUNNING' && !isAlive(record.pid)) {
      return { ...record, status: 'ABORTED', cause: 'the process running it ended before it finished' };
    }
    return record;
  }

  private ids(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((id) => ID_PATTERN.test(id))
      .sort()
      .reverse();
  }

  private prune(): void {
    for (const id of this.ids().slice(this.keep)) {
      if (this.record(id)?.status !== 'RUNNING')
        rmSync(join(this.root, id), { recursive: true, force: true });
    }
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
