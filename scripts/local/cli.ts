import { ensureLocalStack, localStackStatus, stopLocalStack } from './index';
import { localPaths } from './paths';
import { resetCommand } from './reset';
import type { ServiceStatus } from './service';
import { selectServices } from './services';

const USAGE = 'usage: tsx scripts/local/cli.ts up|down|status|reset [--yes]';

function formatStatus(status: ServiceStatus): string {
  const parts = [status.name.padEnd(8), status.state];
  if (status.pid !== undefined) parts.push(`pid ${status.pid}`);
  if (status.endpoint) parts.push(status.endpoint);
  if (status.detail) parts.push(`(${status.detail})`);
  return parts.join('  ');
}

async function main(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case 'up': {
      const { startedServices, stack } = await ensureLocalStack();
      const verb = startedServices.length > 0 ? `started ${startedServices.join(', ')}` : 'already running';
      console.log(`Local stack ${verb}; ${localPaths().stackFile}:\n${JSON.stringify(stack, null, 2)}`);
      return 0;
    }
    case 'down': {
      const stopped = await stopLocalStack();
      console.log(stopped.length > 0 ? `Stopped ${stopped.join(', ')}` : 'Nothing of ours was running');
      return 0;
    }
    case 'status': {
      const statuses = await localStackStatus();
      for (const status of statuses) console.log(formatStatus(status));
      // Non-zero unless everything runs healthy, like `systemctl status`.
      return statuses.every((status) => status.state === 'running') ? 0 : 3;
    }
    case 'reset':
      return resetCommand(args, selectServices(), (line) => console.log(line));
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
