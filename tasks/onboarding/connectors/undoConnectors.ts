import {
  type CapacityUpdate,
  DeleteConnectorCommand,
  DeleteCustomPluginCommand,
  DeleteWorkerConfigurationCommand,
  DescribeConnectorCommand,
  UpdateConnectorCommand,
} from '@aws-sdk/client-kafkaconnect';
import { awsCall, awsErrorName, toAwsCallError } from '../cluster/awsCall';
import type { Change, ConnectorLedgerEntry } from '../contracts';
import { kafkaConnectApi } from './kafkaConnect/restClient';
import { findConnector } from './mskConnect/lookup';
import { undoRolePolicy } from './mskConnect/rolePolicy';
import { mskConnectorDescriptionFor } from './names';
import type { ConnectorDeps } from './types';

type Deps = Pick<ConnectorDeps, 'mskConnect' | 'kafkaConnect' | 'iam'>;

/** Runs an MSK Connect delete; NotFound is "already gone". */
async function deleteGone(operation: string, id: string, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return false;
    throw toAwsCallError(operation, id, error);
  }
}

/**
 * The ARN of a connector the registry holds only by name (an `intent` whose outcome a crash lost): the
 * same-named connector, when its description shows msk-flows made it for `principal`; else why it is not.
 */
async function ourConnectorArn(
  name: string,
  principal: string | undefined,
  deps: Deps,
): Promise<{ arn: string } | { detail: string }> {
  const summary = await findConnector(deps.mskConnect, name);
  if (!summary?.connectorArn) return { detail: 'already gone' };
  if (!principal || summary.connectorDescription !== mskConnectorDescriptionFor(principal))
    return { detail: `left alone: not created by msk-flows for ${principal ?? 'this principal'}` };
  return { arn: summary.connectorArn };
}

async function undoMskConnector(
  entry: Extract<ConnectorLedgerEntry, { platform: 'msk-connect' }>,
  deps: Deps,
  principal: string | undefined,
): Promise<Change> {
  const found = entry.connectorArn
    ? { arn: entry.connectorArn }
    : await ourConnectorArn(entry.name, principal, deps);
  if (!('arn' in found))
    return { kind: 'connector', id: `${entry.name} (msk-connect)`, action: 'none', detail: found.detail };
  const { arn } = found;
  if (entry.previousCapacity) {
    const current = await awsCall('DescribeConnector', arn, () =>
      deps.mskConnect.send(new DescribeConnectorCommand({ connectorArn: arn })),
    );
    await awsCall('UpdateConnector', arn, () =>
      deps.mskConnect.send(
        new UpdateConnectorCommand({
          connectorArn: arn,
          currentVersion: current.currentVersion,
          capacity: entry.previousCapacity as CapacityUpdate,
        }),
      ),
    );
    return { kind: 'connector', id: arn, action: 'update', detail: 'previous capacity back' };
  }
  const deleted = await deleteGone('DeleteConnector', arn, () =>
    deps.mskConnect.send(new DeleteConnectorCommand({ connectorArn: arn })),
  );
  return {
    kind: 'connector',
    id: arn,
    action: deleted ? 'delete' : 'none',
    detail: deleted ? undefined : 'already gone',
  };
}

/**
 * Compensation of a connector entry: what this execution created is deleted (only that); a role policy it
 * changed gets its previous document back. An entry the registry holds only by name (its creation
 * uncertain) is looked up by name and deleted only when AWS shows msk-flows made it for `principal`.
 */
export async function undoConnectorEntry(
  entry: ConnectorLedgerEntry,
  deps: Deps,
  principal?: string,
): Promise<Change> {
  switch (entry.kind) {
    case 'connector': {
      if (entry.platform === 'msk-connect') return undoMskConnector(entry, deps, principal);
      // The ledger names the cluster it was created on: undo there even if the configuration changed since.
      const api =
        deps.kafkaConnect()?.url === entry.connectUrl
          ? deps.kafkaConnect()
          : kafkaConnectApi(entry.connectUrl);
      const deleted = (await api?.delete(entry.name)) ?? false;
      const id = `${entry.name} (kafka-connect)`;
      return {
        kind: 'connector',
        id,
        action: deleted ? 'delete' : 'none',
        detail: deleted ? undefined : 'already gone',
      };
    }
    case 'custom-plugin': {
      const deleted = await deleteGone('DeleteCustomPlugin', entry.customPluginArn, () =>
        deps.mskConnect.send(new DeleteCustomPluginCommand({ customPluginArn: entry.customPluginArn })),
      );
      return { kind: 'custom-plugin', id: entry.name, action: deleted ? 'delete' : 'none' };
    }
    case 'worker-configuration': {
      const deleted = await deleteGone('DeleteWorkerConfiguration', entry.workerConfigurationArn, () =>
        deps.mskConnect.send(
          new DeleteWorkerConfigurationCommand({ workerConfigurationArn: entry.workerConfigurationArn }),
        ),
      );
      return { kind: 'worker-configuration', id: entry.name, action: deleted ? 'delete' : 'none' };
    }
    case 'connector-role-policy':
      return undoRolePolicy(entry, deps);
  }
}
