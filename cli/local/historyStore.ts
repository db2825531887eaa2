import { join } from 'node:path';
import { repoRoot } from '../../scripts/local/paths';
import { ExecutionHistoryStore } from '../../workflows/local/history';

/** The history store of local runs, `<repo>/.local/executions/`: what `msk-flows console --local` reads. */
export function localHistoryStore(): ExecutionHistoryStore {
  return new ExecutionHistoryStore(join(repoRoot(), '.local', 'executions'));
}
