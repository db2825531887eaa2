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
import { findConnector, findCustomPlugin, findWorkerConfiguration } from './mskConnect/lookup';
import { ourArnByName } from './mskConnect/ownedByName';
import { undoRolePolicy } from './mskConnect/rolePolicy';
import type { ConnectorDeps } from './types';

type Deps = Pick<ConnectorDeps, 'mskConnect' | 'kafkaConnect' | 'iam'>;

/** How the registry holds a thing undone from it: for whom, and whether only as an intent (its outcome lost). */
export interface HeldBy {
  principal: string;
  uncertain: boolean;
}

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

/** An MSK Connect summary's ARN and description (connector, custom plugin or worker configuration). */
async function summaryOf(
  lookup: Promise<
    | {
        connectorArn?: string;
        customPluginArn?: string;
        workerConfigurationArn?: string;
        connectorDescription?: string;
        description?: string;
      }
    | undefined
  >,
): Promise<{ arn?: string; description?: string } | undefined> {
  const found = await lookup;
  if (!found) return undefined;
  return {
    arn: found.connectorArn ?? found.customPluginArn ?? found.workerConfigurationArn,
    description: found.connectorDescription ?? found.description,
  };
}

async function undoMskConnector(
  entry: Extract<ConnectorLedgerEntry, { platform: 'msk-connect' }>,
  deps: Deps,
  principal: string | undefined,
): Promise<Change> {
  const found = entry.connectorArn
    ? { arn: entry.connectorArn }
    : ourArnByName(await summaryOf(findConnector(deps.mskConnect, entry.name)), principal);
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
 * changed gets its previous document back. A thing the registry holds as an intent only (`held.uncertain`:
 * its creation uncertain) is looked up by name and undone only when AWS shows msk-flows made it for
 * `held.principal`.
 */
export async function undoConnectorEntry(
  entry: ConnectorLedgerEntry,
  deps: Deps,
  held?: HeldBy,
): Promise<Change> {
  const principal = held?.principal;
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
      const found = entry.customPluginArn
        ? { arn: entry.customPluginArn }
        : ourArnByName(await summaryOf(findCustomPlugin(deps.mskConnect, entry.name)), principal);
      if (!('arn' in found))
        return { kind: 'custom-plugin', id: entry.name, action: 'none', detail: found.detail };
      const deleted = await deleteGone('DeleteCustomPlugin', found.arn, () =>
        deps.mskConnect.send(new DeleteCustomPluginCommand({ customPluginArn: found.arn })),
      );
      return { kind: 'custom-plugin', id: entry.name, action: deleted ? 'delete' : 'none' };
    }
    case 'worker-configuration': {
      const found = entry.workerConfigurationArn
        ? { arn: entry.workerConfigurationArn }
        : ourArnByName(await summaryOf(findWorkerConfiguration(deps.mskConnect, entry.name)), principal);
      if (!('arn' in found))
        return { kind: 'worker-configuration', id: entry.name, action: 'none', detail: found.detail };
      const deleted = await deleteGone('DeleteWorkerConfiguration', found.arn, () =>
        deps.mskConnect.send(new DeleteWorkerConfigurationCommand({ workerConfigurationArn: found.arn })),
      );
      return { kind: 'worker-configuration', id: entry.name, action: deleted ? 'delete' : 'none' };
    }
    case 'connector-role-policy':
      return undoRolePolicy(entry, deps, held?.uncertain);
  }
}
