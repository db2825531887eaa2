import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionHistoryStore } from '../../workflows/local/history';
import { executionsApi } from './executionsApi';
import { createFlightDataGateway } from './flightDataGateway';
import { consoleUrl } from './url';
import { type BuiltFiles, buildConsoleAssets } from './web/build';

export interface ConsoleServerOptions {
  store: ExecutionHistoryStore;
  /** 0 picks a free port. */
  port: number;
  /** Other browser origins the flightData API answers (a static copy of the page served elsewhere). */
  extraOrigins?: string[];
  /** The flightData function's environment over the local defaults. */
  flightDataEnv?: Record<string, string>;
  /** The API key `/flightData` requires; default: a new random one. */
  apiKey?: string;
}

export interface ConsoleServer {
  url: string;
  apiKey: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
};

function serveFile(res: ServerResponse, files: BuiltFiles, name: string): void {
  const ext = name.split('.').pop() ?? '';
  res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', ...SECURITY_HEADERS });
  res.end(files[name]);
}

/**
 * The local console on 127.0.0.1: the web app, the executions API over `store`, and `GET /flightData`
 * through the same handler as on Lambda, behind an API key and CORS as deployed. Requests naming
 * another Host are refused (a web page elsewhere cannot rebind a name to this loopback server).
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const files = buildConsoleAssets();
  const apiKey = options.apiKey ?? randomBytes(20).toString('base64url');
  const executions = executionsApi(options.store);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const flightData = createFlightDataGateway({
    apiKey,
    allowedOrigins: [origin, `http://localhost:${port}`, ...(options.extraOrigins ?? [])],
    env: options.flightDataEnv,
  });
  const config = JSON.stringify({ apiUrl: `${origin}/flightData`, apiKey });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/flightData') return flightData.handle(req, res, url);
    if (url.pathname.startsWith('/api/executions') && executions.handle(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/config.json') {
      res.writeHead(200, { 'Content-Type': TYPES.json, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      res.end(config);
      return;
    }
    const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    if (req.method === 'GET' && Object.hasOwn(files, name)) return serveFile(res, files, name);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  };
  server.on('request', (req, res) => {
    route(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`internal error: ${error.name}`);
    });
  });
  return {
    url: consoleUrl(port),
    apiKey,
    close: async () => {
      executions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await flightData.close();
    },
  };
}
