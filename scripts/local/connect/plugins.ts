import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireTool } from '../tools';

const run = promisify(execFile);

/** Debezium's plugin archives on Maven Central (`<artifact>:<version>:tar.gz:plugin`), one directory each. */
export const DEBEZIUM_VERSION = '3.5.0.Final';
export const DEBEZIUM_PLUGINS = ['debezium-connector-mariadb', 'debezium-connector-jdbc'] as const;

/**
 * Fetches and unpacks the Debezium plugin archives into `pluginsDir` (Kafka Connect's `plugin.path`), once:
 * a marker file says the directory is complete, so an interrupted fetch is redone.
 */
export async function fetchDebeziumPlugins(
  pluginsDir: string,
  log: (message: string) => void,
): Promise<string> {
  const marker = `${pluginsDir}.complete`;
  if (existsSync(marker) && DEBEZIUM_PLUGINS.every((p) => existsSync(join(pluginsDir, p)))) return pluginsDir;
  const mvn = requireTool('mvn');
  const tar = requireTool('tar');
  const staging = `${pluginsDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const artifact of DEBEZIUM_PLUGINS) {
    log(`Fetching io.debezium:${artifact}:${DEBEZIUM_VERSION} (plugin archive) from Maven Central`);
    const coordinates = `io.debezium:${artifact}:${DEBEZIUM_VERSION}:tar.gz:plugin`;
    await run(
      mvn,
      ['-q', '-B', 'dependency:copy', `-Dartifact=${coordinates}`, `-DoutputDirectory=${staging}`],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`mvn could not fetch ${coordinates}:\n${(error.stdout ?? '').slice(-2000)}`, {
        cause: error,
      });
    });
    const archive = readdirSync(staging).find((f) => f.startsWith(artifact) && f.endsWith('.tar.gz'));
    if (!archive) throw new Error(`mvn fetched no archive for ${coordinates}`);
    await run(tar, ['-xzf', join(staging, archive), '-C', staging]);
    rmSync(join(staging, archive));
  }
  rmSync(pluginsDir, { recursive: true, force: true });
  renameSync(staging, pluginsDir);
  writeFileSync(marker, `${DEBEZIUM_PLUGINS.join('\n')}\n`);
  return pluginsDir;
}
