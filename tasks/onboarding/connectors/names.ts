import type { ConnectorSpec } from '../request/connectorsSchema';

/**
 * Names msk-flows derives for a connector, in one place: the role template grants on them and the tasks
 * write them into the connector's configuration.
 */

/** Debezium connectors that keep a schema history topic (https://debezium.io/documentation/reference/stable/configuration/storage.html). */
const HISTORIZED =
  /^io\.debezium\.connector\.(mariadb\.MariaDbConnector|mysql\.MySqlConnector|sqlserver\.SqlServerConnector|oracle\.OracleConnector|db2\.Db2Connector|informix\.InformixConnector)$/;

/** The schema history topic of a historized source connector: `<connector>.schema-history`. */
export const schemaHistoryTopicFor = (connector: string): string => `${connector}.schema-history`;

/** The consumer group Debezium's schema history reader joins: `<connector>.schema-history`. */
export const schemaHistoryGroupFor = (connector: string): string => `${connector}.schema-history`;

/** True when the connector keeps a Debezium schema history in Kafka. */
export function keepsSchemaHistory(spec: Pick<ConnectorSpec, 'config'>): boolean {
  return HISTORIZED.test(spec.config['connector.class'] ?? '');
}

/** MSK Connect resources msk-flows creates for a connector. */
export const customPluginNameFor = (connector: string): string => `msk-flows-${connector}`;

/**
 * The description msk-flows gives an MSK Connect connector, custom plugin or worker configuration it
 * creates: its ownership marker (MSK Connect never changes a description), checked before offboarding
 * deletes a connector by name and before undo deletes one the registry holds by name only.
 */
export const mskConnectorDescriptionFor = (principal: string): string =>
  `Created by msk-flows for principal ${principal}`;
