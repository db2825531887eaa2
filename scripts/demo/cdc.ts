import pg from 'pg';
import { main } from '../../cli/main';
import { mariaDbLayout } from '../local/mariadb/layout';
import { rootSql } from '../local/mariadb/service';
import { POSTGRES } from '../local/postgres/service';

/** The CDC example: Debezium on MariaDB `ecommerce.orders` → Kafka → JDBC sink → PostgreSQL `orders_replica`. */
const REQUEST = 'examples/onboard-cdc.local.json';
const REPLICA = 'public.orders_replica';

type Say = (line?: string) => void;
type Order = { id: number; customer: string; amount: string; status: string };

const mariadb = (sql: string) => rootSql(mariaDbLayout(), sql);

async function sourceRows(): Promise<Order[]> {
  const out = await mariadb('SELECT id, customer, amount, status FROM ecommerce.orders ORDER BY id');
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, customer, amount, status] = line.split('\t');
      return { id: Number(id), customer: customer ?? '', amount: amount ?? '', status: status ?? '' };
    });
}

/**
 * What landed, read the way the flightData API reads its table: one read-only transaction on a
 * configured table, the rows ordered by key ([] while the sink has not created the table).
 */
async function replicaRows(): Promise<Order[]> {
  return withPostgres(async (client) => {
    await client.query('BEGIN READ ONLY');
    const exists = await client.query('SELECT to_regclass($1) AS t', [REPLICA]);
    const rows = exists.rows[0]?.t
      ? (
          await client.query(
            `SELECT id, customer, amount::text AS amount, status FROM ${REPLICA} ORDER BY id`,
          )
        ).rows
      : [];
    await client.query('COMMIT');
    return rows as Order[];
  });
}

async function withPostgres<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(POSTGRES);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Polls the replica until it holds exactly the source's rows (or a minute passes). */
async function replicaMatchesSource(): Promise<{ same: boolean; seconds: number; rows: Order[] }> {
  const start = Date.now();
  for (;;) {
    const [source, replica] = [await sourceRows(), await replicaRows()];
    const same = JSON.stringify(source) === JSON.stringify(replica);
    if (same || Date.now() - start > 60_000)
      return { same, seconds: (Date.now() - start) / 1000, rows: replica };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function table(say: Say, rows: Order[]): void {
  const header = ['id', 'customer', 'amount', 'status'];
  const cells = rows.map((r) => [String(r.id), r.customer, r.amount, r.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]) => `   ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ')}`;
  say(line(header));
  for (const c of cells) say(line(c));
  if (cells.length === 0) say('   (no rows)');
}

/**
 * Onboards the CDC example (connectors as the onboarded principal), changes rows in MariaDB and shows
 * them arriving in PostgreSQL, reads what landed, then offboards. Topics are kept: Kafka Connect keeps
 * Debezium's binlog position after the connector is gone, and a connector that resumes from it needs its
 * schema history topic — so the next `npm run demo` resumes instead of failing.
 */
export async function cdcToPostgres(say: Say): Promise<number> {
  // Start from empty tables: whatever an earlier run left is removed while no connector runs (the sink
  // creates its table again; a source resuming from its binlog position streams the deletes, no harm).
  await mariadb('DELETE FROM ecommerce.orders');
  await withPostgres((client) => client.query(`DROP TABLE IF EXISTS ${REPLICA}`));
  say(
    `   onboard ${REQUEST}: Debezium MariaDB source and JDBC sink on Kafka Connect, as User:demo-orders-cdc`,
  );
  const onboarded = await main(['onboard', '--local', '--request', REQUEST]);
  if (onboarded) return onboarded;

  say('\n   MariaDB 127.0.0.1:3307 ecommerce.orders: insert three orders, ship one, cancel one, delete one');
  await mariadb(
    "INSERT INTO ecommerce.orders VALUES (1, 'ada', 10.50, 'new'), (2, 'grace', 99.95, 'new'), (3, 'alan', 42.00, 'new')",
  );
  await mariadb("UPDATE ecommerce.orders SET status = 'shipped' WHERE id = 1");
  await mariadb("UPDATE ecommerce.orders SET status = 'cancelled', amount = 0.00 WHERE id = 3");
  await mariadb('DELETE FROM ecommerce.orders WHERE id = 2');
  const landed = await replicaMatchesSource();
  say(
    landed.same
      ? `   PostgreSQL msk_flows.${REPLICA} matches the source after ${landed.seconds.toFixed(1)} s`
      : `   PostgreSQL msk_flows.${REPLICA} still differs from the source after ${landed.seconds.toFixed(0)} s`,
  );

  say(`\n   what landed (read-only, as the flightData API reads): SELECT … FROM ${REPLICA} ORDER BY id`);
  table(say, landed.rows);

  say(
    `\n   offboard ${REQUEST}: connectors removed, then the principal's ACLs and credentials (topics kept)`,
  );
  const offboarded = await main(['offboard', '--local', '--request', REQUEST]);
  return offboarded || (landed.same ? 0 : 1);
}
