import type { ConsoleArgs } from '../args';
import { startConsoleServer } from '../console/server';
import { localHistoryStore } from '../local/historyStore';
import type { CliOutput } from './workflow';

/**
 * `msk-flows console --local [--port N]`: serves the console on 127.0.0.1, prints its URL and runs
 * until interrupted (Ctrl-C), then closes the server and the flightData pool (exit 0).
 */
export async function runConsoleCommand(
  args: ConsoleArgs,
  output: CliOutput,
  stop: Promise<unknown> = interrupted(),
): Promise<number> {
  const server = await startConsoleServer({ store: localHistoryStore(), port: args.port });
  output.out(`msk-flows console: ${server.url}  (executions from .local/executions/; Ctrl-C stops it)`);
  await stop;
  await server.close();
  return 0;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
