import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { type ConsoleServer, startConsoleServer } from '../../../cli/console/server';
import {
  dropFlightData,
  insertFlightRows,
  migrateFlightData,
  type TableRef,
} from '../../../tasks/ingest/flightData/schema';
import { syntheticFlightRows } from '../../../tasks/ingest/flightData/seed';
import type { AslDefinition } from '../../../workflows/local/asl';
import { ExecutionHistoryStore } from '../../../workflows/local/history';
import { localPool, uniqueTable } from '../flightData/support';

const OTHER_ORIGIN = 'http://127.0.0.1:1';
const definition: AslDefinition = { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } };

let root: string;
let store: ExecutionHistoryStore;
let server: ConsoleServer;
let pool: Pool;
let table: TableRef;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'msk-flows-console-api-'));
  store = new ExecutionHistoryStore(root);
  pool = localPool();
  table = uniqueTable();
  await migrateFlightData(pool, table);
  await insertFlightRows(pool, table, syntheticFlightRows(5));
  server = await startConsoleServer({
    store,
    port: 0,
    extraOrigins: [OTHER_ORIGIN],
    flightDataEnv: { FLIGHT_DATA_TABLE: table.name },
  });
});
afterAll(async () => {
  await server.close();
  await dropFlightData(pool, table);
  await pool.end();
  rmSync(root, { recursive: true, force: true });
});

const flightData = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}flightData${query}`, { headers: { 'x-api-key': server.apiKey, ...headers } });

describe('console server: /flightData as deployed', () => {
  it('refuses a request without the API key as API Gateway does, before the handler runs', async () => {
    // Act
    const response = await fetch(`${server.url}flightData?limit=1`, { headers: { Origin: OTHER_ORIGIN } });

    // Assess
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Forbidden' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the CORS preflight for an allowed origin only', async () => {
    // Act
    const preflight = (origin: string) =>
      fetch(`${server.url}flightData`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'x-api-key',
        },
      });
    const allowed = await preflight(OTHER_ORIGIN);
    const denied = await preflight('http://evil.example');

    // Assess
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Content-Type,X-Api-Key');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves pages through the handler with its validation and CORS headers', async () => {
    // Act
    const ok = await flightData('?limit=2', { Origin: OTHER_ORIGIN });
    const bad = await flightData('?limit=0&color=red');

    // Assess
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
    const page = (await ok.json()) as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { problems: { parameter: string }[] }).problems;
    expect(problems.map((p) => p.parameter).sort()).toEqual(['color', 'limit']);
  });

  it('refuses a request naming another host (no DNS rebinding onto the loopback console)', async () => {
    // Act
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL(server.url);
      request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/executions',
          headers: { Host: 'attacker.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      )
        .on('error', reject)
        .end();
    });

    // Assess
    expect(status).toBe(421);
  });
});

describe('console server: executions API', () => {
  it('streams a running execution’s new history events and its end as Server-Sent Events', async () => {
    // Prepare
    const recorder = store.begin({
      workflow: 'test',
      name: 'live',
      input: { requestId: 'live-1' },
      definition,
    });
    const response = await fetch(`${server.url}api/executions/${recorder.id}/events`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    };

    // Act
    await readUntil('"status":"RUNNING"');
    recorder.onEvent({
      type: 'StateEntered',
      at: 1,
      state: 'Only',
      stateType: 'Pass',
      execution: 0,
      input: {},
    });
    await readUntil('PassStateEntered');
    recorder.onEvent({
      type: 'StateExited',
      at: 2,
      state: 'Only',
      stateType: 'Pass',
      execution: 0,
      output: {},
    });
    recorder.finish({ status: 'SUCCEEDED', output: {}, transitions: 1, events: [], durationMs: 3 });
    await readUntil('"status":"SUCCEEDED"');
    await readUntil('\n\n\u0000'); // the server ends the stream

    // Assess
    expect(text).toContain('event: history\nid: 2\n');
    expect(text).toContain('ExecutionSucceeded');
    const listed = (await (await fetch(`${server.url}api/executions`)).json()) as {
      executions: { id: string }[];
    };
    expect(listed.executions.map((e) => e.id)).toContain(recorder.id);
    expect((await fetch(`${server.url}api/executions/nope`)).status).toBe(404);
  });
});
