import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/** True when nothing listens on host:port (we could bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Best effort "who listens on this port" (ss output), for error messages; '' when unknown. */
export function describePortOwner(port: number): string {
  try {
    return execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Thrown when a port the local stack needs is held by a process it did not start. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
    host = '127.0.0.1',
  ) {
    const owner = describePortOwner(port);
    super(
      `Cannot start ${service}: ${host}:${port} is already in use by a process the local stack did not start` +
        `${owner ? ` (${owner})` : ''}. Stop that process or free the port, then run 'npm run local:up' again.`,
    );
    this.name = 'PortInUseError';
  }
}
