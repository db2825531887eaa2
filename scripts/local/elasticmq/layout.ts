import { join } from 'node:path';
import { cacheDir, type LocalPaths, localPaths } from '../paths';
import { ELASTICMQ_VERSION } from './version';

/** Files of the local ElasticMQ: runtime under .local/, jars in the shared cache. */
export interface ElasticMqLayout {
  dir: string;
  /** The H2 database of queues and messages (kept across restarts). */
  dataDir: string;
  configFile: string;
  pidFile: string;
  logFile: string;
  pom: string;
  libsDir: string;
}

/** Where the local ElasticMQ keeps everything. */
export function elasticMqLayout(paths: LocalPaths = localPaths()): ElasticMqLayout {
  const dir = join(paths.local, 'elasticmq');
  return {
    dir,
    dataDir: join(dir, 'data'),
    configFile: join(dir, 'elasticmq.conf'),
    pidFile: join(paths.run, 'elasticmq.pid'),
    logFile: join(paths.logs, 'elasticmq.log'),
    pom: join(paths.root, 'scripts', 'local', 'elasticmq', 'pom.xml'),
    libsDir: join(cacheDir(), `elasticmq-${ELASTICMQ_VERSION}`, 'libs'),
  };
}
