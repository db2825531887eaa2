import { join } from 'node:path';
import { ensureLocalStack } from '../../scripts/local/index';
import { repoRoot } from '../../scripts/local/paths';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';
import { reconcile } from '../../tasks/onboarding/registry/reconcile';
import type { ReconcileArgs } from '../args';
import { localConnectorDeps } from '../local/connectorTasks';
import { type CliOutput, EXIT } from './workflow';

/**
 * `msk-flows reconcile --local [--principal P] [--request-id R] [--dry-run] [--json]`: finishes the
 * compensation of unfinished onboarding runs on the local stack's cluster from its ownership registry.
 * Exit 0 when nothing is left behind, 1 when something still could not be removed.
 */
export async function runReconcileCommand(args: ReconcileArgs, output: CliOutput): Promise<number> {
  const { stack } = await ensureLocalStack({
    services: ['kafka'],
    log: (line) => output.err(`[local] ${line}`),
  });
  const brokers = stack.kafka?.bootstrapServers ?? [];
  const stackFile = join(repoRoot(), '.local', 'stack.json');
  const deps = createKafkaTaskDeps({ localStackFile: stackFile });
  const report = await reconcile(
    { kind: 'self-managed', bootstrapServers: brokers },
    { principal: args.principal, requestId: args.requestId, dryRun: args.dryRun },
    // Connectors a run left on the local Kafka Connect worker are undone too (through its REST API).
    { ...deps, connectors: localConnectorDeps(stackFile, deps.secrets) },
  );
  if (args.json) output.out(JSON.stringify(report, null, 2));
  else {
    output.out(`unfinished runs: ${report.runs.length}${args.dryRun ? ' (dry run: nothing changed)' : ''}`);
    for (const run of report.runs)
      output.out(`  ${run.run}  ${run.owner.principal}  ${run.at}${run.note ? `  ${run.note}` : ''}`);
    for (const change of report.changes)
      output.out(
        `  ${change.action} ${change.kind} ${change.id}${change.detail ? ` (${change.detail})` : ''}`,
      );
    for (const left of report.leftovers) output.err(`  LEFT ${left.kind} ${left.id}: ${left.error}`);
  }
  return report.leftovers.length === 0 ? EXIT.ok : EXIT.failed;
}
