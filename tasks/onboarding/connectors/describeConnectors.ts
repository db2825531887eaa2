import { taskHandlerFactory } from '../taskHandler';
import { connectorDeps } from './clients';
import { ConnectorStartTimeoutError } from './errors';
import { isRunning } from './kafkaConnect/connectorState';
import { kafkaConnectFor } from './kafkaConnect/kafkaConnector';
import { mskConnectorState } from './mskConnect/connectorState';
import type { ConnectorDeps, ConnectorRequest } from './types';

export interface DescribeConnectorsInput {
  request: ConnectorRequest;
  /** The previous check's output (`{ attempt: 0 }` from the poll's start). */
  connectors: { attempt: number; since?: number };
}

export interface DescribeConnectorsOutput {
  running: boolean;
  attempt: number;
  /** When the first check ran (epoch ms): the poll gives up on checks and time, not on checks alone. */
  since: number;
  /** The next Wait's length: 2, 4, 8 … capped at 60 s (MSK Connect takes minutes, Kafka Connect seconds). */
  waitSeconds: number;
  states: Record<string, string>;
}

/** Checks, and time since the first, before giving up: about 30 minutes with the capped waits. */
export const MAX_CONNECTOR_CHECKS = 36;
export const MAX_CONNECTOR_WAIT_MS = 30 * 60_000;

/**
 * Describe Connectors: one look at every connector's state. All RUNNING (every task too, on Kafka
 * Connect) → `running: true`; FAILED → ConnectorFailedError with the platform's reason (first trace line,
 * MSK Connect's state description); still starting after MAX_CONNECTOR_CHECKS → ConnectorStartTimeoutError.
 */
export async function describeConnectors(
  input: DescribeConnectorsInput,
  deps: ConnectorDeps,
): Promise<DescribeConnectorsOutput> {
  const attempt = (input.connectors?.attempt ?? 0) + 1;
  const since = input.connectors?.since ?? Date.now();
  const states: Record<string, string> = {};
  let running = true;
  for (const spec of input.request.connectors ?? []) {
    const one =
      spec.platform === 'kafka-connect'
        ? isRunning(spec, await kafkaConnectFor(spec, deps).status(spec.name))
        : await mskConnectorState(spec, deps);
    states[spec.name] = one.state;
    running &&= one.running;
  }
  // Both limits: a run whose Wait states are shortened (locally) still gives a connector its time.
  if (!running && attempt >= MAX_CONNECTOR_CHECKS && Date.now() - since >= MAX_CONNECTOR_WAIT_MS) {
    const [name, state] = Object.entries(states).find(([, s]) => s !== 'RUNNING') ?? ['?', '?'];
    throw new ConnectorStartTimeoutError(name, state, attempt);
  }
  return { running, attempt, since, waitSeconds: Math.min(2 ** attempt, 60), states };
}

/** Builds the handler of the "Describe Connectors" state over the deps given (local runs pass their own). */
export const createDescribeConnectorsHandler = taskHandlerFactory(describeConnectors);

/** Lambda entry point of the "Describe Connectors" state. */
export const handler = createDescribeConnectorsHandler(connectorDeps);
