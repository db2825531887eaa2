import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LocalFileSecretStore } from '../../../tasks/shared/secrets/localFileStore';
import { newClusterId, newPassword, renderLog4jProperties, renderServerProperties } from './config';
import type { KafkaLayout } from './layout';
import { ADMIN_USER } from './version';

const run = promisify(execFile);

/** JVM flags for the local broker and its tools: small heap, quick start (2-core machines share it). */
export function jvmFlags(layout: KafkaLayout, heap = '512m'): string[] {
  return [
    '-Xms128m',
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${layout.log4jProperties}`,
    '-cp',
    join(layout.libsDir, '*'),
  ];
}

/**
 * Wipes the broker's data, writes fresh configs with new random passwords, stores the admin credentials
 * in .local/secrets (0600) and formats the storage with the SCRAM admin user (KIP-900 --add-scram).
 */
export async function formatFreshStorage(layout: KafkaLayout, java: string): Promise<void> {
  rmSync(layout.dir, { recursive: true, force: true });
  mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(dirname(layout.logFile), { recursive: true });
  writeFileSync(layout.logFile, '');

  const adminPassword = newPassword();
  const controllerPassword = newPassword();
  writeFileSync(
    layout.serverProperties,
    renderServerProperties({ dataDir: layout.dataDir, adminPassword, controllerPassword }),
    {
      mode: 0o600,
    },
  );
  chmodSync(layout.serverProperties, 0o600);
  writeFileSync(layout.log4jProperties, renderLog4jProperties());
  await new LocalFileSecretStore(dirname(layout.adminSecretFile)).put(
    layout.adminSecretName,
    `${JSON.stringify({ username: ADMIN_USER, password: adminPassword })}\n`,
  );

  const scram = `SCRAM-SHA-512=[name=${ADMIN_USER},password=${adminPassword}]`;
  const args = [...jvmFlags(layout, '256m'), 'kafka.tools.StorageTool', 'format'];
  args.push('-t', newClusterId(), '-c', layout.serverProperties, '--add-scram', scram);
  try {
    const { stdout, stderr } = await run(java, args, { maxBuffer: 4 * 1024 * 1024 });
    appendFileSync(layout.logFile, stdout + stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    // The command line holds the admin password: report the tool's output only.
    throw new Error(
      `Formatting the Kafka storage failed:\n${(stdout + stderr).replaceAll(adminPassword, '***')}`,
    );
  }
}
