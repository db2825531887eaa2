import { join } from 'node:path';
import { type LocalPaths, localPaths } from '../paths';

/** Loopback only, on its own port: the machine's MariaDB on 3306 (binlog off) is not ours. */
export const MARIADB_HOST = '127.0.0.1';
export const MARIADB_PORT = 3307;
/** The CDC user Debezium reads the binlog as; its password is in `passwordFile` (`password=…`, 0600). */
export const MARIADB_CDC_USER = 'msk_flows_cdc';
/** A binlog server id of our own (Debezium uses another, from the connector config). */
export const MARIADB_SERVER_ID = 184054;

/** Files of the local MariaDB: data directory under .local/, socket and pid under .local/run. */
export interface MariaDbLayout {
  dir: string;
  dataDir: string;
  socket: string;
  pidFile: string;
  logFile: string;
  /** `password=…` for the CDC user, read by Kafka Connect's FileConfigProvider too. */
  passwordFile: string;
  stackFile: string;
}

export function mariaDbLayout(paths: LocalPaths = localPaths()): MariaDbLayout {
  const dir = join(paths.local, 'mariadb');
  return {
    dir,
    dataDir: join(dir, 'data'),
    socket: join(paths.run, 'mariadb.sock'),
    pidFile: join(paths.run, 'mariadb.pid'),
    logFile: join(paths.logs, 'mariadb.log'),
    passwordFile: join(paths.secrets, 'connect', 'mariadb-cdc.properties'),
    stackFile: paths.stackFile,
  };
}
