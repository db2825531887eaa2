import type { Construct } from 'constructs';
import type { ConnectorFunctions } from '../../workflows/onboarding/functions';
import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
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
  const fn = (id: string, task: keyof ConnectorTaskFunctions, description: string, inVpc: boolean) =>
    new TaskFunction(scope, id, {
      entry: WORKFLOW_TASKS[task].entry,
      description,
      environment,
      network: inVpc ? network : undefined,
    });
  return {
    ensureConnectorPlugins: fn(
      'EnsureConnectorPlugins',
      'ensureConnectorPlugins',
      'Create MSK Connect custom plugins and worker configurations',
      true,
    ),
    describeConnectorPlugins: fn(
      'DescribeConnectorPlugins',
      'describeConnectorPlugins',
      'Poll MSK Connect custom plugins',
      false,
    ),
    ensureConnectors: fn('EnsureConnectors', 'ensureConnectors', 'Create or align connectors', true),
    describeConnectors: fn('DescribeConnectors', 'describeConnectors', 'Poll connector states', true),
    removeConnectors: fn('RemoveConnectors', 'removeConnectors', "Delete a principal's connectors", true),
  };
}
