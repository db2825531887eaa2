import { existsSync, rmSync } from 'node:fs';
import type { DataPath, LocalService } from './service';

/** The confirmation flag; without it `local:reset` only says what it would delete. */
export const RESET_CONFIRM_FLAG = '--yes';

/** What a reset does: the services it stops and the data paths (that exist) it deletes. */
export interface ResetPlan {
  stop: string[];
  remove: (DataPath & { service: string })[];
}

/** Works out the reset (read only). */
export async function planReset(services: readonly LocalService[]): Promise<ResetPlan> {
  const statuses = await Promise.all(services.map((service) => service.status()));
  return {
    stop: statuses.filter((s) => s.state === 'running' || s.state === 'unhealthy').map((s) => s.name),
    remove: services.flatMap((service) =>
      service
        .dataPaths()
        .flatMap((data) => (existsSync(data.path) ? [{ ...data, service: service.name }] : [])),
    ),
  };
}

function describe(plan: ResetPlan): string[] {
  const width = Math.max(0, ...plan.remove.map((data) => data.path.length));
  return plan.remove.map((data) => `  ${data.path.padEnd(width)}  ${data.what}`);
}

/**
 * `local:reset [--yes]`: the only command that deletes local data. Without --yes it lists what it would stop
 * and delete and returns 1, touching nothing; with --yes it stops those services and deletes exactly that list.
 */
export async function resetCommand(
  args: readonly string[],
  services: readonly LocalService[],
  print: (line: string) => void,
): Promise<number> {
  if (args.some((arg) => arg !== RESET_CONFIRM_FLAG)) {
    print(`usage: npm run local:reset [-- ${RESET_CONFIRM_FLAG}]`);
    return 2;
  }
  const plan = await planReset(services);
  if (plan.remove.length === 0 && plan.stop.length === 0) {
    print('Nothing to reset: the local stack holds no data.');
    return 0;
  }
  if (!args.includes(RESET_CONFIRM_FLAG)) {
    if (plan.stop.length > 0) print(`local:reset would stop: ${plan.stop.join(', ')}`);
    print('local:reset would delete, for good:');
    for (const line of describe(plan)) print(line);
    print(`Nothing was stopped or deleted. To do it: npm run local:reset -- ${RESET_CONFIRM_FLAG}`);
    return 1;
  }
  for (const service of services) {
    if (plan.stop.includes(service.name)) await service.down();
  }
  if (plan.stop.length > 0) print(`Stopped ${plan.stop.join(', ')}`);
  for (const data of plan.remove) rmSync(data.path, { recursive: true, force: true });
  print('Deleted:');
  for (const line of describe(plan)) print(line);
  print('Logs and the jar cache are kept. `npm run local:up` formats a fresh Kafka cluster.');
  return 0;
}
