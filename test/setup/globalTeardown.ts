import { stopLocalStack } from '../../scripts/local/index';
import { STARTED_KEY } from './globalSetup';

/** Stops only the local services globalSetup started; a stack that was already running is left alone. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>)[STARTED_KEY] as string[] | undefined;
  if (started && started.length > 0) await stopLocalStack({ services: started });
}
