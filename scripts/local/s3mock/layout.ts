import { join } from 'node:path';
import { cacheDir, type LocalPaths, localPaths } from '../paths';
import { S3MOCK_VERSION } from './version';

/** Files of the local S3Mock: runtime under .local/, the jar in the shared cache. */
export interface S3MockLayout {
  dir: string;
  dataDir: string;
  /** Spring bean definitions that pin the HTTP connector to loopback; its path marks our process. */
  loopbackBeans: string;
  pidFile: string;
  logFile: string;
  pom: string;
  libsDir: string;
  jar: string;
}

/** Where the local S3Mock keeps everything. */
export function s3MockLayout(paths: LocalPaths = localPaths()): S3MockLayout {
  const dir = join(paths.local, 's3mock');
  const libsDir = join(cacheDir(), `s3mock-${S3MOCK_VERSION}`, 'libs');
  return {
    dir,
    dataDir: join(dir, 'data'),
    loopbackBeans: join(dir, 'loopback-connector.xml'),
    pidFile: join(paths.run, 's3mock.pid'),
    logFile: join(paths.logs, 's3mock.log'),
    pom: join(paths.root, 'scripts', 'local', 's3mock', 'pom.xml'),
    libsDir,
    jar: join(libsDir, `s3mock-${S3MOCK_VERSION}-exec.jar`),
  };
}
