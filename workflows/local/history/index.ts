export { HistoryBuilder, MAX_PAYLOAD_CHARS, payloadText } from './historyBuilder';
export { RunRecording, recordRun } from './recordedRun';
export type { FinishDetails, RecorderSink } from './recorder';
export { ExecutionRecorder } from './recorder';
export { isSecretKey, REDACTED, redactJson, redactText } from './redact';
export type { BeginExecution, StoredExecution } from './store';
export { ExecutionHistoryStore } from './store';
export type { ExecutionRecord, RecordedChange, RecordedHistoryEvent, RecordedStatus } from './types';
