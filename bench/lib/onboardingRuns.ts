import { join } from 'node:path';
import { runWorkflowLocally } from '../../cli/local/runWorkflowLocally';
import { ensureLocalStack } from '../../scripts/local/index';
import { repoRoot } from '../../scripts/local/paths';
import { mskCredentialsDeps } from '../../tasks/onboarding/credentials/msk/clients';
import { createKafkaTaskDeps } from '../../tasks/onboarding/kafka/clients';

/** One onboarding (or offboarding) run of a benchmark: what it cost. */
export interface RunCost {
  ms: number;
  transitions: number;
}

/** What the onboarding benchmarks share: the local broker, the task deps, and runs that must succeed. */
export async function onboardingBench() {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const { stack } = await ensureLocalStack({ services: ['kafka'] });
  const deps = {
    kafka: createKafkaTaskDeps({ localStackFile: join(repoRoot(), '.local', 'stack.json') }),
    msk: mskCredentialsDeps,
  };
  const cluster = { kind: 'self-managed', bootstrapServers: stack.kafka?.bootstrapServers ?? [] };
  /** Runs `workflow` on `input` locally (no history kept); throws unless it succeeded. */
  const run = async (workflow: 'onboarding' | 'offboarding', input: object): Promise<RunCost> => {
    const result = await runWorkflowLocally({ workflow, input, deps, history: false });
    if (result.status !== 'SUCCEEDED')
      throw new Error(`${workflow} bench run failed: ${result.error?.name}: ${result.error?.cause}`);
    return { ms: result.durationMs, transitions: result.transitions };
  };
  return { cluster, run };
}
