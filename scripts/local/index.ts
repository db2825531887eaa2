import type { ServiceStatus } from './service';
import { selectServices } from './services';
import { readStackFile, type StackFile } from './stackFile';

export type { ServiceStatus } from './service';
export {
  type KafkaStackEntry,
  readStackFile,
  type S3StackEntry,
  type SqsStackEntry,
  type StackFile,
} from './stackFile';

/** Result of ensureLocalStack. */
export interface LocalStackUp {
  /** True when at least one service was started by this call (false: everything was reused). */
  startedNow: boolean;
  /** Names of the services this call started; stop exactly these to undo it. */
  startedServices: string[];
  stack: StackFile;
}

/** Options shared by the programmatic API. */
export interface LocalStackOptions {
  /** Restrict to these services (default: all registered). */
  services?: readonly string[];
  log?: (message: string) => void;
}

/** Brings every local service up unless it already runs healthy, then returns .local/stack.json. */
export async function ensureLocalStack(options: LocalStackOptions = {}): Promise<LocalStackUp> {
  const log = options.log ?? ((message: string) => console.error(`[local] ${message}`));
  const startedServices: string[] = [];
  for (const service of selectServices(options.services)) {
    const { startedNow } = await service.up(log);
    if (startedNow) startedServices.push(service.name);
  }
  return { startedNow: startedServices.length > 0, startedServices, stack: readStackFile() };
}

/** Stops the local services we started (all, or `services`), in reverse order; returns the ones stopped. */
export async function stopLocalStack(options: Pick<LocalStackOptions, 'services'> = {}): Promise<string[]> {
  const stopped: string[] = [];
  for (const service of selectServices(options.services).reverse()) {
    if (await service.down()) stopped.push(service.name);
  }
  return stopped;
}

/** What each local service is doing right now. */
export async function localStackStatus(
  options: Pick<LocalStackOptions, 'services'> = {},
): Promise<ServiceStatus[]> {
  return Promise.all(selectServices(options.services).map((service) => service.status()));
}
