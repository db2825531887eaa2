import type { RegistryAccess } from '../../tasks/onboarding/registry/access';
import { Registry } from '../../tasks/onboarding/registry/registry';
import type { RegistryLog, RegistryRecord, StoredRecord } from '../../tasks/onboarding/registry/types';

/** An ordered registry log in memory (unit tests of steps that record in the registry; no broker). */
export interface MemoryRegistryLog extends RegistryLog {
  records: () => StoredRecord[];
}

/** A fresh in-memory log. */
export function memoryRegistryLog(): MemoryRegistryLog {
  const records: StoredRecord[] = [];
  let next = 0n;
  return {
    readAll: async () => [...records],
    append: async (batch: RegistryRecord[]) =>
      batch.map((record) => {
        const offset = next++;
        records.push({ offset, record });
        return offset;
      }),
    records: () => records,
  };
}

/** Registry access over one in-memory log, whatever the cluster; `log` to read back what was written. */
export function memoryRegistryAccess(log: MemoryRegistryLog = memoryRegistryLog()): {
  access: RegistryAccess;
  log: MemoryRegistryLog;
  registry: Registry;
} {
  const registry = new Registry(log);
  return { access: async (_cluster, _operation, fn) => fn(registry), log, registry };
}
