import { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import { kafkaClient, logger } from '../cluster/clients';
import { kafkaConnectApi } from './kafkaConnect/restClient';
import type { ConnectorDeps } from './types';

/** MSK Connect in this Region, created once per container. */
export const mskConnectClient = new KafkaConnectClient({});

/**
 * This container's connector deps. Environment: `KAFKA_CONNECT_URL` (context `msk-flows:kafkaConnectUrl`),
 * the self-managed Kafka Connect cluster's REST API; its workers resolve `${secretsmanager:<secret>:<key>}`
 * with a Secrets Manager config provider named `secretsmanager`; `KAFKA_CONNECT_SECURITY_PROTOCOL`
 * (default SASL_SSL) for the clients a connector opens itself on self-managed Kafka.
 */
export const connectorDeps: ConnectorDeps = {
  kafkaConnect: () =>
    process.env.KAFKA_CONNECT_URL ? kafkaConnectApi(process.env.KAFKA_CONNECT_URL) : undefined,
  secretReference: (secretName, key) => `\${secretsmanager:${secretName}:${key}}`,
  selfManagedSecurityProtocol: process.env.KAFKA_CONNECT_SECURITY_PROTOCOL || 'SASL_SSL',
  mskConnect: mskConnectClient,
  kafka: kafkaClient,
  logger,
};
