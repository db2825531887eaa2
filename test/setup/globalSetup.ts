import { ensureLocalStack } from '../../scripts/local/index';
import { CORE_SERVICES } from '../../scripts/local/services';

/** Names of the local services this jest run started, so globalTeardown stops exactly those. */
export const STARTED_KEY = '__mskFlowsStartedServices';

/** Brings the local stack up for the integration tests unless it already runs (then it is reused and left running). */
export default async function globalSetup(): Promise<void> {
  // The CDC services (MariaDB, Kafka Connect) are started by the test files that use them.
  const { startedServices } = await ensureLocalStack({
    services: CORE_SERVICES,
    log: (message) => process.stderr.write(`[local stack] ${message}\n`),
  });
  // globalSetup and globalTeardown run in the same process and share globalThis.
  (globalThis as Record<string, unknown>)[STARTED_KEY] = startedServices;
}
