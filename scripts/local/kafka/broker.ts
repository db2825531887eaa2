import { fetchMavenJars } from '../maven';
import { isPortFree, PortInUseError } from '../ports';
import { isAlive, type ManagedProcess, spawnDetached, stopProcess, tailFile } from '../process';
import type { KafkaStackEntry } from '../stackFile';
import { requireTool } from '../tools';
import { awaitAdminRestoring } from './adminRepair';
import { AdminLoginError } from './errors';
import { waitForGroupCoordinator } from './groupCoordinator';
import type { KafkaLayout } from './layout';
import { metadataSnapshots, snapshotOverrideArgs, waitForMetadataSnapshot } from './snapshots';
import { ensureBrokerConfig, jvmFlags } from './storage';
import { ADMIN_USER, CONTROLLER_USER, KAFKA_VERSION } from './version';

const STARTUP_TIMEOUT_MS = 90_000;

/** The broker process as the pid file and its command line (naming our server.properties) know it. */
export function managedBroker(layout: KafkaLayout): ManagedProcess {
  return { name: 'kafka', pidFile: layout.pidFile, marker: layout.serverProperties };
}

/** How clients reach this broker (the `kafka` entry of stack.json). */
export function brokerStackEntry(layout: KafkaLayout): KafkaStackEntry {
  return {
    bootstrapServers: [`${layout.host}:${layout.clientPort}`],
    saslMechanism: 'scram-sha-512',
    adminSecretFile: layout.adminSecretFile,
    // As config.ts writes them into server.properties' super.users.
    superUsers: [ADMIN_USER, CONTROLLER_USER],
  };
}

/** The java binary, with the broker's jars fetched into the shared cache (once). */
export async function prepareJava(layout: KafkaLayout, log: (message: string) => void): Promise<string> {
  for (const port of [layout.clientPort, layout.controllerPort]) {
    if (!(await isPortFree(port, layout.host))) throw new PortInUseError('kafka', port, layout.host);
  }
  const java = requireTool('java');
  const properties = { 'kafka.version': KAFKA_VERSION };
  await fetchMavenJars({ pom: layout.pom, libsDir: layout.libsDir, properties, log });
  return java;
}

/**
 * Starts the broker on its formatted storage and waits until a SCRAM admin works (restoring an admin credential
 * Kafka lost, see adminRepair.ts), a consumer group can join and the storage holds a metadata snapshot (see
 * snapshots.ts: a restart before the first one can lose SCRAM users). A refused admin login is an
 * AdminLoginError; the broker it started is stopped again on any failure.
 */
export async function startBroker(
  layout: KafkaLayout,
  java: string,
  log: (message: string) => void,
): Promise<void> {
  ensureBrokerConfig(layout);
  const args = [...jvmFlags(layout), 'kafka.Kafka', layout.serverProperties, ...snapshotOverrideArgs()];
  const pid = spawnDetached(managedBroker(layout), java, args, { cwd: layout.dir, logFile: layout.logFile });
  log(
    `Started Kafka (pid ${pid}); waiting for a SCRAM-SHA-512 admin to connect on ${layout.host}:${layout.clientPort}`,
  );
  const entry = brokerStackEntry(layout);
  const exited = () => !isAlive(pid);
  const wait = await awaitAdminRestoring(layout, entry, { timeoutMs: STARTUP_TIMEOUT_MS, exited }, log);
  if (wait.outcome === 'healthy') {
    log('Kafka accepts the SCRAM admin; waiting until a consumer group can join');
    try {
      await waitForGroupCoordinator(entry, STARTUP_TIMEOUT_MS);
      if (metadataSnapshots(layout).length === 0) {
        log('Waiting for the first KRaft metadata snapshot (a restart before it could lose SCRAM users)');
        if (!(await waitForMetadataSnapshot(layout, STARTUP_TIMEOUT_MS)))
          throw new Error(`Kafka wrote no metadata snapshot within ${STARTUP_TIMEOUT_MS / 1000} s`);
      }
      return;
    } catch (error) {
      await stopProcess(managedBroker(layout));
      throw error;
    }
  }
  await stopProcess(managedBroker(layout));
  if (wait.outcome === 'auth-failed') throw new AdminLoginError(layout, wait.reason);
  const why =
    wait.outcome === 'exited'
      ? 'exited during startup'
      : `did not accept a SCRAM admin within ${STARTUP_TIMEOUT_MS / 1000} s (${wait.reason})`;
  throw new Error(`Kafka ${why}. Last lines of ${layout.logFile}:\n${tailFile(layout.logFile)}`);
}
