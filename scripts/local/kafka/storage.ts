import { execFile } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { readSecretFile, writeSecretFile } from '../../../tasks/shared/secrets/localFileStore';
import { parseScramCredentials } from '../../../tasks/shared/secrets/scramCredentials';
import { setAsideStaleSecrets, writeClusterMarker } from './clusterSecrets';
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

/** What the data directory holds: nothing, a formatted storage (its cluster id), or files we do not know. */
export type StorageState =
  | { kind: 'empty' }
  | { kind: 'formatted'; clusterId: string }
  | { kind: 'unrecognised'; entries: string[] };

/** Looks at the data directory (read only). */
export function inspectStorage(layout: KafkaLayout): StorageState {
  const entries = existsSync(layout.dataDir) ? readdirSync(layout.dataDir) : [];
  if (entries.length === 0) return { kind: 'empty' };
  const meta = existsSync(layout.metaProperties) ? readFileSync(layout.metaProperties, 'utf8') : '';
  const clusterId = /^cluster\.id=(\S+)$/m.exec(meta)?.[1];
  return clusterId ? { kind: 'formatted', clusterId } : { kind: 'unrecognised', entries };
}

function writeConfigs(layout: KafkaLayout, adminPassword: string): void {
  mkdirSync(layout.dir, { recursive: true });
  const settings = { ...layout, adminPassword, controllerPassword: newPassword() };
  // The controller's PLAIN password lives in this file only (not in the storage): a new one is harmless.
  writeSecretFile(layout.serverProperties, renderServerProperties(settings));
  writeFileSync(layout.log4jProperties, renderLog4jProperties());
}

/**
 * Re-creates server.properties when it is missing beside a formatted storage, from the admin secret (which
 * checkSecretsFor tied to this storage); an existing one is the config the storage was formatted with and is kept.
 */
export function ensureBrokerConfig(layout: KafkaLayout): void {
  if (existsSync(layout.serverProperties) && existsSync(layout.log4jProperties)) return;
  if (existsSync(layout.serverProperties)) {
    writeFileSync(layout.log4jProperties, renderLog4jProperties());
    return;
  }
  const admin = parseScramCredentials(readSecretFile(layout.adminSecretFile), layout.adminSecretFile);
  writeConfigs(layout, admin.password);
}

/**
 * Formats an EMPTY data directory (refuses anything else): moves secret files of an earlier cluster aside,
 * writes fresh configs with new random passwords, stores the admin credentials (0600), formats the storage
 * with the SCRAM admin (KIP-900 --add-scram) and records the new cluster id beside the secrets.
 */
export async function formatEmptyStorage(
  layout: KafkaLayout,
  java: string,
  log: (message: string) => void,
): Promise<string> {
  const before = inspectStorage(layout);
  if (before.kind !== 'empty') throw new Error(`Refusing to format ${layout.dataDir}: it is not empty`);
  setAsideStaleSecrets(layout, log);
  mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(dirname(layout.logFile), { recursive: true });

  const adminPassword = newPassword();
  writeConfigs(layout, adminPassword);
  writeSecretFile(
    layout.adminSecretFile,
    `${JSON.stringify({ username: ADMIN_USER, password: adminPassword })}\n`,
  );

  const clusterId = newClusterId();
  const scram = `SCRAM-SHA-512=[name=${ADMIN_USER},password=${adminPassword}]`;
  const args = [...jvmFlags(layout, '256m'), 'kafka.tools.StorageTool', 'format'];
  args.push('-t', clusterId, '-c', layout.serverProperties, '--add-scram', scram);
  try {
    const { stdout, stderr } = await run(java, args, { maxBuffer: 4 * 1024 * 1024 });
    appendFileSync(layout.logFile, stdout + stderr);
  } catch (error) {
    // The directory was empty: whatever is in it now is the failed format's, not data.
    for (const entry of readdirSync(layout.dataDir)) rmSync(join(layout.dataDir, entry), { recursive: true });
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    // The command line holds the admin password: report the tool's output only.
    throw new Error(
      `Formatting the Kafka storage failed:\n${(stdout + stderr).replaceAll(adminPassword, '***')}`,
    );
  }
  writeClusterMarker(layout, clusterId);
  return clusterId;
}
