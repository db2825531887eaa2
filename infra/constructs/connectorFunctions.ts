import type { Construct } from 'constructs';
import type { ConnectorFunctions } from '../../workflows/onboarding/functions';
import { TaskFunction, type TaskNetwork } from './taskFunction';

/** The connector task functions: onboarding's four and offboarding's Remove Connectors. */
export interface ConnectorTaskFunctions extends ConnectorFunctions {
  removeConnectors: TaskFunction;
}

/**
 * One Lambda per connector task. Those that reach a self-managed Kafka Connect REST API run in the brokers'
 * network (`KAFKA_CONNECT_URL` from context `msk-flows:kafkaConnectUrl`), as do those that record what they
 * create in the ownership registry in the cluster (Ensure Connector Plugins); Describe Connector Plugins
 * only calls MSK Connect.
 */
export function connectorTaskFunctions(
  scope: Construct,
  environment: Record<string, string>,
  network: TaskNetwork | undefined,
): ConnectorTaskFunctions {
  const fn = (id: string, entry: string, description: string, inVpc: boolean) =>
    new TaskFunction(scope, id, {
      entry: `tasks/${entry}`,
      description,
      environment,
      network: inVpc ? network : undefined,
    });
  const dir = 'onboarding/connectors';
  return {
    ensureConnectorPlugins: fn(
      'EnsureConnectorPlugins',
      `${dir}/ensureConnectorPlugins.ts`,
      'Create MSK Connect custom plugins and worker configurations',
      true,
    ),
    describeConnectorPlugins: fn(
      'DescribeConnectorPlugins',
      `${dir}/describeConnectorPlugins.ts`,
      'Poll MSK Connect custom plugins',
      false,
    ),
    ensureConnectors: fn(
      'EnsureConnectors',
      `${dir}/ensureConnectors.ts`,
      'Create or align connectors',
      true,
    ),
    describeConnectors: fn(
      'DescribeConnectors',
      `${dir}/describeConnectors.ts`,
      'Poll connector states',
      true,
    ),
    removeConnectors: fn(
      'RemoveConnectors',
      'offboarding/removeConnectors.ts',
      "Delete a principal's connectors",
      true,
    ),
  };
}
