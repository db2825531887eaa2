import { ensureLocalStack } from '../../scripts/local/index';

/** Names of the local services this jest run started, so globalTeardown stops exactly those. */
export const STARTED_KEY = '__mskFlowsStartedServices';

/** Brings the local stack up for the integration tests unless it already runs (then it is reused and left running). */
export default async function globalSetup(): Promise<void> {
  const { startedServices } = await ensureLocalStack({
    log: (message) => process.stderr.write(`[local stack] ${message}\n`),
  });
  // globalSetup and globalTeardown run in the same process and share globalThis.
  (globalThis as Record<string, unknown>)[STARTED_KEY] = startedServices;
}
