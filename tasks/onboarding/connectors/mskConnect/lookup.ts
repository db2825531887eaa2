import {
  type ConnectorSummary,
  type CustomPluginSummary,
  type KafkaConnectClient,
  ListConnectorsCommand,
  ListCustomPluginsCommand,
  ListWorkerConfigurationsCommand,
  type WorkerConfigurationSummary,
} from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';

/** MSK Connect lists by name prefix; these find the one resource with exactly this name (all pages). */

export async function findConnector(
  client: KafkaConnectClient,
  name: string,
): Promise<ConnectorSummary | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListConnectors', name, () =>
      client.send(new ListConnectorsCommand({ connectorNamePrefix: name, nextToken })),
    );
    const found = page.connectors?.find((c) => c.connectorName === name);
    if (found) return found;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

export async function findCustomPlugin(
  client: KafkaConnectClient,
  name: string,
): Promise<CustomPluginSummary | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListCustomPlugins', name, () =>
      client.send(new ListCustomPluginsCommand({ namePrefix: name, nextToken })),
    );
    const found = page.customPlugins?.find((p) => p.name === name);
    if (found) return found;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

export async function findWorkerConfiguration(
  client: KafkaConnectClient,
  name: string,
): Promise<WorkerConfigurationSummary | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListWorkerConfigurations', name, () =>
      client.send(new ListWorkerConfigurationsCommand({ namePrefix: name, nextToken })),
    );
    const found = page.workerConfigurations?.find((w) => w.name === name);
    if (found) return found;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Every MSK Connect connector in this account and Region that runs with the service execution role `roleArn`. */
export async function connectorsWithRole(
  client: KafkaConnectClient,
  roleArn: string,
): Promise<ConnectorSummary[]> {
  const found: ConnectorSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall('ListConnectors', roleArn, () =>
      client.send(new ListConnectorsCommand({ nextToken })),
    );
    found.push(...(page.connectors ?? []).filter((c) => c.serviceExecutionRoleArn === roleArn));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}
