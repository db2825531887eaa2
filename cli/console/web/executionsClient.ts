import type { AslDefinition } from '../../../workflows/local/asl';
import type { ExecutionRecord, RecordedHistoryEvent } from '../../../workflows/local/history/types';

/** One execution as `GET /api/executions/<id>` returns it. */
export interface ExecutionDetail {
  execution: ExecutionRecord;
  definition: AslDefinition;
  events: RecordedHistoryEvent[];
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Every recorded local execution, newest first. */
export async function listExecutions(): Promise<ExecutionRecord[]> {
  return (await getJson<{ executions: ExecutionRecord[] }>('/api/executions')).executions;
}

/** One execution with its definition and history. */
export function getExecution(id: string): Promise<ExecutionDetail> {
  return getJson<ExecutionDetail>(`/api/executions/${encodeURIComponent(id)}`);
}

/**
 * Follows a running execution: `onEvents` with each batch of new history events, `onRecord` with
 * each new record; stops by itself once the execution has ended. Returns a function that stops it.
 */
export function followExecution(
  id: string,
  after: number,
  onEvents: (events: RecordedHistoryEvent[]) => void,
  onRecord: (record: ExecutionRecord) => void,
): () => void {
  const source = new EventSource(`/api/executions/${encodeURIComponent(id)}/events?after=${after}`);
  source.addEventListener('history', (message) => onEvents(JSON.parse((message as MessageEvent).data)));
  source.addEventListener('execution', (message) => {
    const record = JSON.parse((message as MessageEvent).data) as ExecutionRecord;
    onRecord(record);
    if (record.status !== 'RUNNING') source.close();
  });
  return () => source.close();
}
