import type { IAMClient } from '@aws-sdk/client-iam';
import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { KafkaConnectClient } from '@aws-sdk/client-kafkaconnect';
import type { TaskLogger } from '../cluster/clients';
import type { ClusterRef, Journal } from '../contracts';
import type { Registry } from '../registry/registry';
import type { ConnectorSpec } from '../request/connectorsSchema';
import type { KafkaConnectApi } from './kafkaConnect/restClient';

/** The part of the request the connector tasks read. */
export interface ConnectorRequest {
  requestId: string;
  principal: string;
  cluster: ClusterRef;
  connectors?: ConnectorSpec[];
  tags?: Record<string, string>;
}

/** Input of the mutating connector tasks. */
export interface ConnectorTaskInput {
  request: ConnectorRequest;
  journal: Journal;
}

/** What this deployment lets MSK Connect connectors use (context msk-flows:mskConnect). */
export interface MskConnectSetup {
  /** The roles a connector may run with: the functions may pass only these. */
  serviceExecutionRoleArns: string[];
  /** The S3 bucket custom plugins are read from. */
  pluginBucketArn: string;
  /** The log group the deployment created for MSK Connect workers: where a connector logs unless it names one. */
  workerLogGroup: string;
}

/** Runs `fn` with the ownership registry of `cluster` (its admin connection closed after). */
export type RegistrySession = <T>(
  cluster: ClusterRef,
  operation: string,
  fn: (registry: Registry) => Promise<T>,
) => Promise<T>;

/** What the connector cores need, injected so tests swap them. */
export interface ConnectorDeps {
  /** The Kafka Connect cluster of platform `kafka-connect`; undefined when none is configured. */
  kafkaConnect: () => KafkaConnectApi | undefined;
  /**
   * How a connector config names a key of a secret so the worker's config provider resolves it
   * (`${secretsmanager:<secret>:<key>}` on AWS): the password itself never enters a config.
   */
  secretReference: (secretName: string, key: 'username' | 'password') => string;
  /** Makes the secret readable by the worker's config provider where that needs a step (local files). */
  publishSecret?: (secretName: string) => Promise<void>;
  /** `security.protocol` of clients a connector opens itself (Debezium's schema history) on self-managed Kafka. */
  selfManagedSecurityProtocol: string;
  /** MSK Connect's setup in this deployment; undefined: MSK Connect connectors are refused in preflight. */
  mskConnectSetup?: MskConnectSetup;
  /** MSK Connect and MSK in this account. */
  mskConnect: KafkaConnectClient;
  kafka: KafkaClient;
  /** IAM: the inline policy scoping a service execution role to its connector. */
  iam: IAMClient;
  logger: TaskLogger;
  /**
   * Opens the ownership registry of the request's cluster, which records the connectors msk-flows creates
   * (claimed `intent` before, `owned` after). Undefined: no registry (unit tests of the platform calls
   * alone); then a same-named connector is changed only when this execution created it.
   */
  registrySession?: RegistrySession;
}
