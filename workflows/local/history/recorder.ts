import type { RunEvent } from '../runEvents';
import type { RunResult } from '../runLocally';
import { HistoryBuilder, payloadText } from './historyBuilder';
import { redactJson, redactText } from './redact';
import type { ExecutionRecord, RecordedChange, RecordedHistoryEvent } from './types';

/** Where a recorder writes; the store gives it files, a test can give it arrays. */
export interface RecorderSink {
  id: string;
  startedAtMs: number;
  workflow: string;
  name: string;
  input: unknown;
  writeRecord: (record: ExecutionRecord) => void;
  appendEvents: (events: RecordedHistoryEvent[]) => void;
}

/** What the runner knows at the end beyond the engine's result. */
export interface FinishDetails {
  changes?: RecordedChange[];
  dryRun?: boolean;
}

/**
 * Records one execution as it runs: its start at once, each state event as the engine reports it,
 * its end with status, output or error, and the summary of changes. Recording never fails the run:
 * the first write error stops recording and is kept in `failure`.
 */
export class ExecutionRecorder {
  readonly id: string;
  failure?: Error;
  private readonly builder: HistoryBuilder;
  private record: ExecutionRecord;

  constructor(private readonly sink: RecorderSink) {
    this.id = sink.id;
    this.builder = new HistoryBuilder(sink.startedAtMs);
    // Onboarding and offboarding name their request `requestId`, a replay its `replayId`.
    const input = sink.input as { requestId?: unknown; replayId?: unknown } | null;
    const requestId = input?.requestId ?? input?.replayId;
    this.record = {
      id: sink.id,
      workflow: sink.workflow,
      name: sink.name,
      ...(typeof requestId === 'string' ? { requestId: redactText(requestId) } : {}),
      status: 'RUNNING',
      startDate: new Date(sink.startedAtMs).toISOString(),
      input: payloadText(sink.input).text,
      pid: process.pid,
    };
    this.write(() => {
      sink.writeRecord(this.record);
      sink.appendEvents(this.builder.started(sink.input));
    });
  }

  /** Records a state event of the run (execution-level events are written by the constructor and `finish`). */
  onEvent(event: RunEvent): void {
    const events = this.builder.state(event);
    if (events.length > 0) this.write(() => this.sink.appendEvents(events));
  }

  /** Writes the execution's end and returns its final record. */
  finish(result: RunResult, details: FinishDetails = {}): ExecutionRecord {
    const stopMs = this.sink.startedAtMs + result.durationMs;
    this.record = {
      ...this.record,
      status: result.status,
      stopDate: new Date(stopMs).toISOString(),
      durationMs: result.durationMs,
      transitions: result.transitions,
      ...(result.status === 'SUCCEEDED' ? { output: payloadText(result.output).text } : {}),
      ...(result.error ? { error: result.error.name, cause: redactText(result.error.cause) } : {}),
      ...(details.changes ? { changes: redactJson(details.changes) as RecordedChange[] } : {}),
      ...(details.dryRun ? { dryRun: true } : {}),
    };
    this.write(() => {
      this.sink.appendEvents(this.builder.finished(result));
      this.sink.writeRecord(this.record);
    });
    return this.record;
  }

  private write(action: () => void): void {
    if (this.failure) return;
    try {
      action();
    } catch (error) {
      this.failure = error as Error;
    }
  }
}
