import { join } from 'node:path';
import { KAFKA_VERSION } from '../kafka/version';
import { cacheDir, type LocalPaths, localPaths } from '../paths';
import { DEBEZIUM_VERSION } from './plugins';

export const CONNECT_HOST = '127.0.0.1';
export const CONNECT_PORT = 8083;

/** Files of the local Kafka Connect worker: config under .local/connect, jars and plugins in the shared cache. */
export interface ConnectLayout {
  /** The worker's working directory (.local): FileConfigProvider paths like `secrets/connect/x.properties` are relative to it. */
  workDir: string;
  dir: string;
  workerProperties: string;
  log4jProperties: string;
  pidFile: string;
  logFile: string;
  pom: string;
  libsDir: string;
  pluginsDir: string;
  stackFile: string;
}

export function connectLayout(paths: LocalPaths = localPaths()): ConnectLayout {
  const dir = join(paths.local, 'connect');
  return {
    workDir: paths.local,
    dir,
    workerProperties: join(dir, 'worker.properties'),
    log4jProperties: join(dir, 'log4j.properties'),
    pidFile: join(paths.run, 'connect.pid'),
    logFile: join(paths.logs, 'connect.log'),
    pom: join(paths.root, 'scripts', 'local', 'connect', 'pom.xml'),
    libsDir: join(cacheDir(), `connect-${KAFKA_VERSION}`, 'libs'),
    pluginsDir: join(cacheDir(), `debezium-${DEBEZIUM_VERSION}`, 'plugins'),
    stackFile: paths.stackFile,
  };
}
