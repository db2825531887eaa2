import { join } from 'node:path';
import { cacheDir, type LocalPaths, localPaths } from '../paths';
import { KAFKA_VERSION } from './version';

/** Files of the local Kafka broker: runtime under .local/, jars in the shared cache. */
export interface KafkaLayout {
  dir: string;
  dataDir: string;
  serverProperties: string;
  log4jProperties: string;
  pidFile: string;
  logFile: string;
  adminSecretName: string;
  adminSecretFile: string;
  pom: string;
  libsDir: string;
}

/** Where the local Kafka broker keeps everything. */
export function kafkaLayout(paths: LocalPaths = localPaths()): KafkaLayout {
  const dir = join(paths.local, 'kafka');
  return {
    dir,
    dataDir: join(dir, 'data'),
    serverProperties: join(dir, 'server.properties'),
    log4jProperties: join(dir, 'log4j.properties'),
    pidFile: join(paths.run, 'kafka.pid'),
    logFile: join(paths.logs, 'kafka.log'),
    adminSecretName: 'kafka-admin',
    adminSecretFile: join(paths.secrets, 'kafka-admin.json'),
    pom: join(paths.root, 'scripts', 'local', 'kafka', 'pom.xml'),
    libsDir: join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'libs'),
  };
}
