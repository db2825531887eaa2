import { managedBroker } from '../../scripts/local/kafka/broker';
import { type KafkaService, kafkaService } from '../../scripts/local/kafka/service';
import { inspectStorage } from '../../scripts/local/kafka/storage';
import { isPortFree } from '../../scripts/local/ports';
import { isAlive, processState, waitFor } from '../../scripts/local/process';

/**
 * Kills the running broker the way a crash does: SIGKILL to its whole process group, then waits until the
 * process is gone and its client port is free. The pid file stays behind (as after a crash or a reboot).
 * `broker` defaults to the local stack's; pass a private one (`createKafkaService`) to leave the shared broker
 * alone: other test files of the same jest run use it. Returns the pid it killed.
 */
export async function killBroker(broker: KafkaService = kafkaService): Promise<number> {
  const layout = broker.layout();
  const state = processState(managedBroker(layout));
  if (state.state !== 'running')
    throw new Error(`killBroker: no running broker (${state.state}) for ${layout.pidFile}`);
  process.kill(-state.pid, 'SIGKILL');
  const gone = await waitFor(
    async () => !isAlive(state.pid) && (await isPortFree(layout.clientPort, layout.host)),
    {
      timeoutMs: 15_000,
      intervalMs: 100,
    },
  );
  if (!gone) throw new Error(`killBroker: pid ${state.pid} still holds ${layout.host}:${layout.clientPort}`);
  return state.pid;
}

/**
 * Brings the broker back on its existing storage through the code path `npm run local:up` uses
 * (`KafkaService.up`), which returns once a SCRAM admin works and a consumer group can join; a broker that
 * already runs healthy is left as it is. Refuses when there is no formatted storage, because `up` would then
 * format a fresh one and the test would silently run on an empty cluster. Returns whether it started one.
 */
export async function restartBroker(
  broker: KafkaService = kafkaService,
  log: (message: string) => void = (message) => process.stderr.write(`[restartBroker] ${message}\n`),
): Promise<boolean> {
  const storage = inspectStorage(broker.layout());
  if (storage.kind !== 'formatted') {
    throw new Error(`restartBroker: ${broker.layout().dataDir} holds no formatted storage to restart on`);
  }
  return (await broker.up(log)).startedNow;
}
