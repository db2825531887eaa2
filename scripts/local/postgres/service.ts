import pg from 'pg';
import type { LocalService, ServiceStatus, ServiceUp } from '../service';
import { putStackEntry, removeStackEntry } from '../stackFile';

const NAME = 'postgres';

/** The `postgres` entry of .local/stack.json: the machine's PostgreSQL, the CDC example's sink database. */
export interface PostgresStackEntry {
  host: string;
  port: number;
  user: string;
  database: string;
}

/** The machine's PostgreSQL (trust auth on loopback), not one we run: `up` only makes sure `msk_flows` exists. */
export const POSTGRES: PostgresStackEntry = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  database: 'msk_flows',
};

async function withClient<T>(database: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: POSTGRES.host, port: POSTGRES.port, user: POSTGRES.user, database });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export const postgresService: LocalService = {
  name: NAME,
  async up(log): Promise<ServiceUp> {
    let created = false;
    try {
      await withClient('postgres', async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [POSTGRES.database]);
        if (found.rowCount === 0) {
          await client.query(`CREATE DATABASE ${POSTGRES.database}`);
          created = true;
        }
      });
    } catch (error) {
      throw new Error(
        `The machine's PostgreSQL on ${POSTGRES.host}:${POSTGRES.port} (user ${POSTGRES.user}, trust) is needed as the ` +
          `CDC example's sink: ${(error as Error).message} (Debian: apt-get install postgresql)`,
        { cause: error },
      );
    }
    if (created) log(`Created database ${POSTGRES.database} on the machine's PostgreSQL`);
    putStackEntry(NAME, POSTGRES);
    return { startedNow: false, entry: POSTGRES };
  },
  async down(): Promise<boolean> {
    removeStackEntry(NAME);
    return false;
  },
  async status(): Promise<ServiceStatus> {
    const endpoint = `${POSTGRES.host}:${POSTGRES.port}/${POSTGRES.database}`;
    try {
      await withClient(POSTGRES.database, (client) => client.query('SELECT 1'));
      return { name: NAME, state: 'running', endpoint, detail: "the machine's PostgreSQL" };
    } catch (error) {
      return { name: NAME, state: 'stopped', endpoint, detail: (error as Error).message };
    }
  },
  dataPaths: () => [],
};
