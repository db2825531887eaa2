import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionHistoryStore } from '../../workflows/local/history';

/** How often a followed execution's files are read again. */
export const FOLLOW_INTERVAL_MS = 250;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The executions API the console page reads:
 * `GET /api/executions` (newest first), `GET /api/executions/<id>` (record, definition, history) and
 * `GET /api/executions/<id>/events` (Server-Sent Events: `history` with new events, `execution` when
 * the record changes; closed once the execution has ended and every event was sent).
 */
export function executionsApi(store: ExecutionHistoryStore) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
      const parts = url.pathname.split('/').filter(Boolean).slice(2).map(decodeURIComponent);
      if (req.method !== 'GET') return false;
      if (parts.length === 0) {
        json(res, 200, { executions: store.list() });
        return true;
      }
      const [id, tail] = parts;
      if (!id || !store.record(id)) {
        json(res, 404, { error: 'no such execution' });
        return true;
      }
      if (parts.length === 1) {
        json(res, 200, store.read(id));
        return true;
      }
      if (tail !== 'events' || parts.length !== 2) return false;
      const after = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0) || 0;
      follow(id, after, res);
      return true;
    },
    close(): void {
      for (const timer of timers) clearInterval(timer);
    },
  };

  function follow(id: string, after: number, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    let last = after;
    let lastRecord = '';
    const tick = () => {
      const events = store.events(id, last);
      if (events.length > 0) {
        last = events.at(-1)?.id ?? last;
        res.write(`event: history\nid: ${last}\ndata: ${JSON.stringify(events)}\n\n`);
      }
      const record = store.record(id);
      const text = JSON.stringify(record);
      if (text !== lastRecord) {
        lastRecord = text;
        res.write(`event: execution\ndata: ${text}\n\n`);
      }
      if (record?.status !== 'RUNNING') stop();
    };
    const timer = setInterval(tick, FOLLOW_INTERVAL_MS);
    timers.add(timer);
    const stop = () => {
      clearInterval(timer);
      timers.delete(timer);
      res.end();
    };
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
    tick();
  }
}
