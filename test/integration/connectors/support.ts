import { randomBytes, randomInt } from 'node:crypto';
import pg from 'pg';
import type { WorkflowTaskDeps } from '../../../cli/local/onboardingTasks';
import { mariaDbLayout } from '../../../scripts/local/mariadb/layout';
import { rootSql } from '../../../scripts/local/mariadb/service';
import { localPaths } from '../../../scripts/local/paths';
import { POSTGRES } from '../../../scripts/local/postgres/service';
import { localKafka } from '../../helpers/localStack';

export type { WorkflowTaskDeps };

/** A CDC request like examples/onboard-cdc.local.json, every name random so test runs never share anything. */
export async function cdcRequest(options: { badSink?: boolean } = {}) {
  const { brokers } = await localKafka();
  const id = randomBytes(5).toString('hex');
  const [principal, source, sink] = [`u-cdc-${id}`, `cdc-${id}`, `replica-${id}`];
  const table = `orders_${id}`;
  const prefix = `shop${id}`;
  const topic = `${prefix}.ecommerce.${table}`;
  const sinkTable = `orders_replica_${id}`;
  const request = {
    requestId: `it-cdc-${id}`,
    cluster: { kind: 'self-managed' as const, bootstrapServers: brokers },
    principal,
    topics: [
      { name: topic, partitions: 1, replicationFactor: 1 },
      {
        name: `${source}.schema-history`,
        partitions: 1,
        replicationFactor: 1,
        // Debezium wants its schema history kept for good (-1, or at least 5 years); the default platform policy
        // refuses -1, so ten years.
        config: { 'retention.ms': '315576000000' },
      },
    ],
    grants: [
      { role: 'connector' as const, connector: source, direction: 'source' as const, topic },
      { role: 'connector' as const, connector: sink, direction: 'sink' as const, topic },
    ],
    connectors: [
      {
        name: source,
        platform: 'kafka-connect' as const,
        kind: 'source' as const,
        config: {
          'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector',
          'tasks.max': '1',
          'database.hostname': '127.0.0.1',
          'database.port': '3307',
          'database.user': 'msk_flows_cdc',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a Kafka Connect config provider reference, not a JS template
          'database.password': '${file:secrets/connect/mariadb-cdc.properties:password}',
          'database.server.id': String(randomInt(10_000, 1_000_000)),
          'topic.prefix': prefix,
          'database.include.list': 'ecommerce',
          'table.include.list': `ecommerce.${table}`,
          'include.schema.changes': 'false',
        },
      },
      {
        name: sink,
        platform: 'kafka-connect' as const,
        kind: 'sink' as const,
        config: {
          'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
          'tasks.max': '1',
          topics: topic,
          // A closed port: the sink's task fails when it starts.
          'connection.url': `jdbc:postgresql://127.0.0.1:${options.badSink ? 1 : POSTGRES.port}/${POSTGRES.database}`,
          'connection.username': POSTGRES.user,
          'insert.mode': 'upsert',
          'delete.enabled': 'true',
          'primary.key.mode': 'record_key',
          'schema.evolution': 'basic',
          'table.name.format': sinkTable,
        },
      },
    ],
  };
  return { request, table, sinkTable, source, sink };
}

/** SQL on the local MariaDB as root. */
export const mariadb = (sql: string): Promise<string> => rootSql(mariaDbLayout(localPaths()), sql);

/** Rows of a PostgreSQL table in msk_flows, ordered by id; [] while the sink has not created it. */
export async function replicaRows(
  table: string,
): Promise<{ id: number; customer: string; amount: string; status: string }[]> {
  const client = new pg.Client({
    host: POSTGRES.host,
    port: POSTGRES.port,
    user: POSTGRES.user,
    database: POSTGRES.database,
  });
  await client.connect();
  try {
    const exists = await client.query('SELECT to_regclass($1) AS t', [`public.${table}`]);
    if (!exists.rows[0]?.t) return [];
    return (
      await client.query(`SELECT id, customer, amount::text AS amount, status FROM ${table} ORDER BY id`)
    ).rows;
  } finally {
    await client.end();
  }
}

/** Drops the PostgreSQL table. */
export async function dropReplica(table: string): Promise<void> {
  const client = new pg.Client({
    host: POSTGRES.host,
    port: POSTGRES.port,
    user: POSTGRES.user,
    database: POSTGRES.database,
  });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await client.end();
  }
}

/** Polls `read` until `done(value)` or `timeoutMs` passes; returns the last value read. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
