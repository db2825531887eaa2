import { taskHandlerFactory } from '../taskHandler';
import { connectorDeps } from './clients';
import { ConnectorStartTimeoutError } from './errors';
import { mskPluginState } from './mskConnect/pluginState';
import type { ConnectorDeps, ConnectorRequest } from './types';

export interface DescribeConnectorPluginsInput {
  request: ConnectorRequest;
  plugins: { attempt: number };
}

export interface DescribeConnectorPluginsOutput {
  active: boolean;
  attempt: number;
  waitSeconds: number;
}

/** Checks before giving up (a custom plugin is usually ACTIVE within a minute or two). */
export const MAX_PLUGIN_CHECKS = 20;

/** Describe Connector Plugins: are the MSK Connect custom plugins ACTIVE? CREATE_FAILED is an error. */
export async function describeConnectorPlugins(
  input: DescribeConnectorPluginsInput,
  deps: ConnectorDeps,
): Promise<DescribeConnectorPluginsOutput> {
  const attempt = (input.plugins?.attempt ?? 0) + 1;
  let active = true;
  for (const spec of input.request.connectors ?? []) {
    if (spec.platform !== 'msk-connect') continue;
    const plugin = await mskPluginState(spec, deps);
    if (!plugin.active && attempt >= MAX_PLUGIN_CHECKS)
      throw new ConnectorStartTimeoutError(spec.name, `custom plugin ${plugin.state}`, attempt);
    active &&= plugin.active;
  }
  return { active, attempt, waitSeconds: Math.min(5 * attempt, 30) };
}

/** Builds the handler of the "Describe Connector Plugins" state over the deps given (local runs pass their own). */
export const createDescribeConnectorPluginsHandler = taskHandlerFactory(describeConnectorPlugins);

/** Lambda entry point of the "Describe Connector Plugins" state. */
export const handler = createDescribeConnectorPluginsHandler(connectorDeps);
