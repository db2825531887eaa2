import { parseCliArgs, USAGE, UsageError } from './args';
import { runConsoleCommand } from './commands/console';
import { runInvokeCommand } from './commands/invoke';
import { runReconcileCommand } from './commands/reconcile';
import { runReplayCommand } from './commands/replay';
import { type CliOutput, EXIT, runWorkflowCommand } from './commands/workflow';

const stdio: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The CLI: returns the process exit code (0 ok, 1 failed, 2 invalid request or usage). */
export async function main(argv: string[], output: CliOutput = stdio): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      output.out(USAGE);
      return EXIT.ok;
    }
    if (args.command === 'invoke') return await runInvokeCommand(args, output);
    if (args.command === 'console') return await runConsoleCommand(args, output);
    if (args.command === 'replay') return await runReplayCommand(args, output);
    if (args.command === 'reconcile') return await runReconcileCommand(args, output);
    return await runWorkflowCommand(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(error.showUsage ? `${error.message}\n\n${USAGE}` : error.message);
      return EXIT.invalid;
    }
    output.err(`${(error as Error).name}: ${(error as Error).message}`);
    return EXIT.failed;
  }
}
