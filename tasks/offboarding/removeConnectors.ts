import { DeleteConnectorCommand, DescribeConnectorCommand } from '@aws-sdk/client-kafkaconnect';
import middy from '@middy/core';
import { awsCall } from '../onboarding/cluster/awsCall';
import { connectorDeps } from '../onboarding/connectors/clients';
import { differingKeys, effectiveConfig } from '../onboarding/connectors/kafkaConnect/effectiveConfig';
import { kafkaConnectFor } from '../onboarding/connectors/kafkaConnect/kafkaConnector';
import { findConnector } from '../onboarding/connectors/mskConnect/lookup';
import { mskConnectorDescriptionFor } from '../onboarding/connectors/names';
import type { ConnectorDeps, ConnectorTaskInput } from '../onboarding/connectors/types';
import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { taskObservability } from '../onboarding/observability';
import type { ConnectorSpec } from '../onboarding/request/connectorsSchema';

async function removeOne(
  spec: ConnectorSpec,
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
): Promise<Change> {
  if (spec.platform === 'kafka-connect') {
    const api = kafkaConnectFor(spec, deps);
    const id = `${spec.name} (kafka-connect)`;
    const current = await api.getConfig(spec.name);
    if (!current) return { kind: 'connector', id, action: 'none', detail: 'not there' };
    // Ours is the connector with exactly the configuration msk-flows writes for this request's principal.
    const differing = differingKeys(current, await effectiveConfig(spec, input.request, deps));
    if (differing.length > 0)
      return {
        kind: 'connector',
        id,
        action: 'none',
        detail: `left alone: not as msk-flows made it (${differing.join(', ')})`,
      };
    await api.delete(spec.name);
    return { kind: 'connector', id, action: 'delete' };
  }
  const id = `${spec.name} (msk-connect)`;
  const summary = await findConnector(deps.mskConnect, spec.name);
  if (!summary?.connectorArn) return { kind: 'connector', id, action: 'none', detail: 'not there' };
  const arn = summary.connectorArn;
  const current = await awsCall('DescribeConnector', arn, () =>
    deps.mskConnect.send(new DescribeConnectorCommand({ connectorArn: arn })),
  );
  // Ours is the connector msk-flows created for this principal: its description says so.
  if (current.connectorDescription !== mskConnectorDescriptionFor(input.request.principal))
    return {
      kind: 'connector',
      id,
      action: 'none',
      detail: `left alone: not created by msk-flows for ${input.request.principal}`,
    };
  await awsCall('DeleteConnector', arn, () =>
    deps.mskConnect.send(
      new DeleteConnectorCommand({ connectorArn: arn, currentVersion: current.currentVersion }),
    ),
  );
  return { kind: 'connector', id, action: 'delete' };
}

/**
 * Remove Connectors (offboarding, first: a connector stops using the principal before its access goes):
 * deletes the request's connectors that msk-flows made: on Kafka Connect the one with exactly the configuration
 * msk-flows writes, on MSK Connect the one whose description marks it as created for this principal. Any other
 * same-named connector is left alone and reported.
 */
export async function removeConnectors(input: ConnectorTaskInput, deps: ConnectorDeps): Promise<Journal> {
  let journal = input.journal;
  for (const spec of input.request.connectors ?? []) {
    journal = appendToJournal(journal, [await removeOne(spec, input, deps)]);
  }
  return journal;
}

/** Lambda entry point of the offboarding "Remove Connectors" state. */
export const handler = middy(async (event: ConnectorTaskInput) => removeConnectors(event, connectorDeps)).use(
  taskObservability(),
);
