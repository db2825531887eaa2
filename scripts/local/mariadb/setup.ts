import { MARIADB_CDC_USER, MARIADB_HOST } from './layout';

/**
 * What `local:up` makes sure the local MariaDB holds (idempotent): the example's source table
 * `ecommerce.orders` and the CDC user with what Debezium's MariaDB connector needs
 * (https://debezium.io/documentation/reference/stable/connectors/mariadb.html#setting-up-mariadb).
 */
export function setupSql(password: string): string {
  const user = `'${MARIADB_CDC_USER}'@'${MARIADB_HOST}'`;
  return [
    'CREATE DATABASE IF NOT EXISTS ecommerce;',
    'CREATE TABLE IF NOT EXISTS ecommerce.orders (id INT PRIMARY KEY, customer VARCHAR(100) NOT NULL, ' +
      'amount DECIMAL(10,2) NOT NULL, status VARCHAR(20) NOT NULL);',
    `CREATE USER IF NOT EXISTS ${user} IDENTIFIED BY '${password}';`,
    `ALTER USER ${user} IDENTIFIED BY '${password}';`,
    `GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR, LOCK TABLES ON *.* TO ${user};`,
    `GRANT ALL PRIVILEGES ON ecommerce.* TO ${user};`,
    '',
  ].join('\n');
}
