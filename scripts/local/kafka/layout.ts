import { join } from 'node:path';
import { cacheDir, type LocalPaths, localPaths } from '../paths';
import { KAFKA_CLIENT_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HOST, KAFKA_VERSION } from './version';

/** Files and ports of one local Kafka broker: runtime under .local/, jars in the shared cache. */
export interface KafkaLayout {
  host: string;
  clientPort: number;
  controllerPort: number;
  dir: string;
  /** The broker's storage (`log.dirs`): formatted only while empty, deleted only by `local:reset`. */
  dataDir: string;
  /** Written by the storage format; holds the cluster id. */
  metaProperties: string;
  serverProperties: string;
  log4jProperties: string;
  pidFile: string;
  logFile: string;
  /** Secret files of this cluster: the admin's and those onboarding stores for its principals. */
  secretsDir: string;
  /** Which cluster the files in `secretsDir` belong to (a dot file: never a secret name). */
  clusterMarkerFile: string;
  /** Where secret files of an earlier cluster are moved when a fresh storage is formatted. */
  staleSecretsDir: string;
  adminSecretName: string;
  adminSecretFile: string;
  stackFile: string;
  pom: string;
  libsDir: string;
}

/** Where a local Kafka broker keeps everything; the default is the stack's broker on 127.0.0.1:9096. */
export function kafkaLayout(
  paths: LocalPaths = localPaths(),
  ports: { client: number; controller: number } = {
    client: KAFKA_CLIENT_PORT,
    controller: KAFKA_CONTROLLER_PORT,
  },
): KafkaLayout {
  const dir = join(paths.local, 'kafka');
  const dataDir = join(dir, 'data');
  return {
    host: KAFKA_HOST,
    clientPort: ports.client,
    controllerPort: ports.controller,
    dir,
    dataDir,
    metaProperties: join(dataDir, 'meta.properties'),
    serverProperties: join(dir, 'server.properties'),
    log4jProperties: join(dir, 'log4j.properties'),
    pidFile: join(paths.run, 'kafka.pid'),
    logFile: join(paths.logs, 'kafka.log'),
    secretsDir: paths.secrets,
    clusterMarkerFile: join(paths.secrets, '.cluster.json'),
    staleSecretsDir: join(paths.local, 'secrets-stale'),
    adminSecretName: 'kafka-admin',
    adminSecretFile: join(paths.secrets, 'kafka-admin.json'),
    stackFile: paths.stackFile,
    pom: join(paths.root, 'scripts', 'local', 'kafka', 'pom.xml'),
    libsDir: join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'libs'),
  };
}
