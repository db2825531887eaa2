import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRemoveConnectorsHandler } from '../../tasks/offboarding/removeConnectors';
import { connectorDeps as awsConnectorDeps } from '../../tasks/onboarding/connectors/clients';
import { createDescribeConnectorPluginsHandler } from '../../tasks/onboarding/connectors/describeConnectorPlugins';
import { createDescribeConnectorsHandler } from '../../tasks/onboarding/connectors/describeConnectors';
import { createEnsureConnectorPluginsHandler } from '../../tasks/onboarding/connectors/ensureConnectorPlugins';
import { createEnsureConnectorsHandler } from '../../tasks/onboarding/connectors/ensureConnectors';
import { kafkaConnectApi } from '../../tasks/onboarding/connectors/kafkaConnect/restClient';
import type { ConnectorDeps } from '../../tasks/onboarding/connectors/types';
import type { ObservabilityTarget } from '../../tasks/onboarding/observability';
import { writeSecretFile } from '../../tasks/shared/secrets/localFileStore';
import type { SecretStore } from '../../tasks/shared/secrets/store';
import type { LocalTaskHandler } from '../../workflows/local';

/** Where the local Connect worker's FileConfigProvider reads secrets, relative to its working directory `.local`. */
const CONNECT_SECRETS = join('secrets', 'connect');

function connectUrlOf(stackFile: string): string | undefined {
  if (!existsSync(stackFile)) return undefined;
  return (JSON.parse(readFileSync(stackFile, 'utf8')) as { connect?: { url?: string } }).connect?.url;
}

/**
 * The connector deps of local runs: the local Kafka Connect worker from `.local/stack.json`, secrets as
 * `${file:secrets/connect/<secret>.properties:<key>}` (the worker runs in `.local` with a FileConfigProvider
 * named `file`), each written (0600) from the local secret store when a connector is put. MSK Connect stays
 * the AWS client: locally there is none, and its tests mock it.
 */
export function localConnectorDeps(stackFile: string, secrets: SecretStore): ConnectorDeps {
  const local = dirname(stackFile);
  return {
    ...awsConnectorDeps,
    kafkaConnect: () => {
      const url = connectUrlOf(stackFile);
      return url ? kafkaConnectApi(url) : undefined;
    },
    secretReference: (secretName, key) => `\${file:${CONNECT_SECRETS}/${secretName}.properties:${key}}`,
    publishSecret: async (secretName) => {
      const { username, password } = JSON.parse(await secrets.get(secretName)) as Record<string, string>;
      writeSecretFile(
        join(local, CONNECT_SECRETS, `${secretName}.properties`),
        `username=${username}\npassword=${password}\n`,
      );
    },
    selfManagedSecurityProtocol: 'SASL_PLAINTEXT',
  };
}

/** The connector handlers (what Lambda runs) over `deps`, keyed like ConnectorFunctions (+ offboarding's removeConnectors). */
export function connectorTasks(
  deps: ConnectorDeps,
  target: ObservabilityTarget,
): Record<
  | 'ensureConnectorPlugins'
  | 'describeConnectorPlugins'
  | 'ensureConnectors'
  | 'describeConnectors'
  | 'removeConnectors',
  LocalTaskHandler
> {
  return {
    ensureConnectorPlugins: createEnsureConnectorPluginsHandler(deps, target),
    describeConnectorPlugins: createDescribeConnectorPluginsHandler(deps, target),
    ensureConnectors: createEnsureConnectorsHandler(deps, target),
    describeConnectors: createDescribeConnectorsHandler(deps, target),
    removeConnectors: createRemoveConnectorsHandler(deps, target),
  };
}
