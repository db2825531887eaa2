import { DeleteConnectorCommand, DescribeConnectorCommand } from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../onboarding/cluster/awsCall';
import { connectorDeps } from '../onboarding/connectors/clients';
import { mskConnectorEntry } from '../onboarding/connectors/identity';
import { differingKeys, effectiveConfig } from '../onboarding/connectors/kafkaConnect/effectiveConfig';
import { kafkaConnectFor, kafkaConnectorEntry } from '../onboarding/connectors/kafkaConnect/kafkaConnector';
import { findConnector } from '../onboarding/connectors/mskConnect/lookup';
import { deleteRolePolicy, rolePolicyEntry } from '../onboarding/connectors/mskConnect/rolePolicy';
import { roleNameOf, rolePolicyNameFor } from '../onboarding/connectors/mskConnect/rolePolicyDocument';
import { mskConnectorDescriptionFor } from '../onboarding/connectors/names';
import {
  type ConnectorRegistry,
  connectorStanding,
  releaseConnector,
  withConnectorRegistry,
} from '../onboarding/connectors/registryClaims';
import { registrySessionOver } from '../onboarding/connectors/registrySession';
import type { ConnectorDeps, ConnectorTaskInput } from '../onboarding/connectors/types';
import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { kafkaTaskDeps } from '../onboarding/kafka/clients';
import { runContextOf } from '../onboarding/registry/runContext';
import type { ConnectorSpec } from '../onboarding/request/connectorsSchema';
import { taskHandlerFactory } from '../onboarding/taskHandler';

/**
 * The inline policy msk-flows put on the connector's service execution role, deleted once the connector is
 * gone (or was already): only on a role the deployment gives msk-flows, and only the policy of that name
 * (not when the ownership registry gives it another principal); the principal's hold on it is released.
 */
async function removeRolePolicy(
  spec: ConnectorSpec,
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
  registry: ConnectorRegistry | undefined,
): Promise<Change[]> {
  const role = spec.serviceExecutionRoleArn;
  if (!role || !deps.mskConnectSetup?.serviceExecutionRoleArns.includes(role)) return [];
  const policyName = rolePolicyNameFor(spec.name);
  const entry = rolePolicyEntry(role, policyName, null);
  const id = `${roleNameOf(role)}/${policyName}`;
  if (connectorStanding(registry, entry, runContextOf(input.request, input.journal)) === 'other')
    return [
      { kind: 'connector-role-policy', id, action: 'none', detail: 'left alone: another principal owns it' },
    ];
  const deleted = await deleteRolePolicy(deps, role, policyName);
  await releaseConnector(registry, entry, input.request.principal);
  return [
    deleted
      ? { kind: 'connector-role-policy', id, action: 'delete' }
      : { kind: 'connector-role-policy', id, action: 'none', detail: 'not there' },
  ];
}

async function removeOne(
  spec: ConnectorSpec,
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
  registry: ConnectorRegistry | undefined,
): Promise<Change[]> {
  if (spec.platform === 'kafka-connect') return [await removeKafkaConnector(spec, input, deps, registry)];
  const { change, ours } = await removeMskConnector(spec, input, deps, registry);
  return ours ? [change, ...(await removeRolePolicy(spec, input, deps, registry))] : [change];
}

async function removeKafkaConnector(
  spec: ConnectorSpec,
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
  registry: ConnectorRegistry | undefined,
): Promise<Change> {
  const api = kafkaConnectFor(spec, deps);
  const id = `${spec.name} (kafka-connect)`;
  const entry = kafkaConnectorEntry(api, spec.name);
  const standing = connectorStanding(registry, entry, runContextOf(input.request, input.journal));
  if (standing === 'other')
    return { kind: 'connector', id, action: 'none', detail: 'left alone: another principal owns it' };
  const current = await api.getConfig(spec.name);
  if (!current) {
    await releaseConnector(registry, entry, input.request.principal);
    return { kind: 'connector', id, action: 'none', detail: 'not there' };
  }
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
  await releaseConnector(registry, entry, input.request.principal);
  return { kind: 'connector', id, action: 'delete' };
}

/** The MSK Connect connector deleted when ours; `ours: false` when a same-named one is left alone. */
async function removeMskConnector(
  spec: ConnectorSpec,
  input: ConnectorTaskInput,
  deps: ConnectorDeps,
  registry: ConnectorRegistry | undefined,
): Promise<{ change: Change; ours: boolean }> {
  const id = `${spec.name} (msk-connect)`;
  const entry = mskConnectorEntry(spec.name);
  if (connectorStanding(registry, entry, runContextOf(input.request, input.journal)) === 'other')
    return {
      change: { kind: 'connector', id, action: 'none', detail: 'left alone: another principal owns it' },
      ours: false,
    };
  const summary = await findConnector(deps.mskConnect, spec.name);
  if (!summary?.connectorArn) {
    await releaseConnector(registry, entry, input.request.principal);
    return { change: { kind: 'connector', id, action: 'none', detail: 'not there' }, ours: true };
  }
  const arn = summary.connectorArn;
  const current = await awsCall('DescribeConnector', arn, () =>
    deps.mskConnect.send(new DescribeConnectorCommand({ connectorArn: arn })),
  );
  // Ours is the connector msk-flows created for this principal: its description says so.
  if (current.connectorDescription !== mskConnectorDescriptionFor(input.request.principal))
    return {
      change: {
        kind: 'connector',
        id,
        action: 'none',
        detail: `left alone: not created by msk-flows for ${input.request.principal}`,
      },
      ours: false,
    };
  await awsCall('DeleteConnector', arn, () =>
    deps.mskConnect.send(
      new DeleteConnectorCommand({ connectorArn: arn, currentVersion: current.currentVersion }),
    ),
  );
  await releaseConnector(registry, entry, input.request.principal);
  return { change: { kind: 'connector', id, action: 'delete' }, ours: true };
}

/**
 * Remove Connectors (offboarding, first: a connector stops using the principal before its access goes):
 * deletes the request's connectors that msk-flows made: on Kafka Connect the one with exactly the configuration
 * msk-flows writes, on MSK Connect the one whose description marks it as created for this principal, and with
 * it the inline policy msk-flows put on its service execution role. Any other same-named connector is left
 * alone (its role too) and reported, as is one the ownership registry gives another principal; a connector
 * the principal held in the registry is released there once gone.
 */
export async function removeConnectors(input: ConnectorTaskInput, deps: ConnectorDeps): Promise<Journal> {
  const specs = input.request.connectors ?? [];
  const remove = async (registry: ConnectorRegistry | undefined) => {
    let journal = input.journal;
    for (const spec of specs)
      journal = appendToJournal(journal, await removeOne(spec, input, deps, registry));
    return journal;
  };
  return withConnectorRegistry(input.request, deps, 'removeConnectors', remove);
}

/** Builds the handler of the offboarding "Remove Connectors" state over the deps given (local runs pass their own). */
export const createRemoveConnectorsHandler = taskHandlerFactory(removeConnectors);

/** Lambda entry point of the offboarding "Remove Connectors" state. */
export const handler = createRemoveConnectorsHandler({
  ...connectorDeps,
  registrySession: registrySessionOver(kafkaTaskDeps.connect),
});
