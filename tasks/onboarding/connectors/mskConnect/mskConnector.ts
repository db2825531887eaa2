import {
  type Capacity,
  type CapacityUpdate,
  CreateConnectorCommand,
  DescribeConnectorCommand,
  type DescribeConnectorResponse,
  UpdateConnectorCommand,
} from '@aws-sdk/client-kafkaconnect';
import { awsCall } from '../../cluster/awsCall';
import { resolveMskBootstrapBrokers } from '../../cluster/resolveMskBootstrapBrokers';
import type { Change, Journal, LedgerEntry } from '../../contracts';
import { runContextOf, type Standing } from '../../registry/runContext';
import type { ConnectorCapacity, ConnectorSpec } from '../../request/connectorsSchema';
import { ConnectorOwnershipError, ConnectorPreflightError } from '../errors';
import { mskConnectorEntry } from '../identity';
import { differingKeys } from '../kafkaConnect/effectiveConfig';
import {
  keepsSchemaHistory,
  mskConnectorDescriptionFor,
  schemaHistoryGroupFor,
  schemaHistoryTopicFor,
} from '../names';
import {
  type ConnectorRegistry,
  claimConnectors,
  connectorStanding,
  settleConnectorsOwned,
} from '../registryClaims';
import type { ConnectorDeps, ConnectorRequest } from '../types';
import { findConnector, findWorkerConfiguration } from './lookup';
import { mskPluginState } from './pluginState';
import { type MskClusterForConnect, mskConnectPreflight } from './preflight';
import { workerConfigurationNameFor } from './workerConfigurationName';

/** The request's capacity in MSK Connect's shape. */
export function capacityOf(capacity: ConnectorCapacity | undefined): Capacity {
  if (!capacity) throw new Error('MSK Connect connector without capacity (the request schema requires it)');
  if ('provisioned' in capacity) return { provisionedCapacity: { ...capacity.provisioned } };
  const a = capacity.autoScaling;
  return {
    autoScaling: {
      mcuCount: a.mcuCount,
      minWorkerCount: a.minWorkerCount,
      maxWorkerCount: a.maxWorkerCount,
      scaleInPolicy: { cpuUtilizationPercentage: a.scaleInPercent },
      scaleOutPolicy: { cpuUtilizationPercentage: a.scaleOutPercent },
    },
  };
}

/**
 * Where the connector's workers log: the request's `logGroup`, else the log group the deployment created for
 * MSK Connect (MSK Connect needs an existing one; preflight has checked the setup exists).
 */
export function workerLogGroupOf(spec: ConnectorSpec, deps: Pick<ConnectorDeps, 'mskConnectSetup'>): string {
  const logGroup = spec.logGroup ?? deps.mskConnectSetup?.workerLogGroup;
  if (!logGroup) throw new ConnectorPreflightError(spec.name, 'msk-connect', 'no worker log group is set up');
  return logGroup;
}

/** A described connector's capacity in the same shape (DescribeConnector adds fields we do not set). */
function currentCapacity(out: DescribeConnectorResponse): Capacity {
  const a = out.capacity?.autoScaling;
  if (a)
    return {
      autoScaling: {
        mcuCount: a.mcuCount,
        minWorkerCount: a.minWorkerCount,
        maxWorkerCount: a.maxWorkerCount,
        scaleInPolicy: { cpuUtilizationPercentage: a.scaleInPolicy?.cpuUtilizationPercentage },
        scaleOutPolicy: { cpuUtilizationPercentage: a.scaleOutPolicy?.cpuUtilizationPercentage },
      },
    };
  const p = out.capacity?.provisionedCapacity;
  return { provisionedCapacity: { mcuCount: p?.mcuCount, workerCount: p?.workerCount } };
}

/** MSK Connect's connector configuration: the request's, plus IAM clients for Debezium's schema history. */
export async function mskConnectorConfiguration(
  spec: ConnectorSpec,
  cluster: MskClusterForConnect,
  deps: Pick<ConnectorDeps, 'kafka'>,
): Promise<Record<string, string>> {
  const config: Record<string, string> = { ...spec.config };
  if (spec.kind === 'source' && keepsSchemaHistory(spec)) {
    const brokers = await resolveMskBootstrapBrokers(cluster.clusterArn, 'iam', { kafka: deps.kafka });
    config['schema.history.internal.kafka.topic'] = schemaHistoryTopicFor(spec.name);
    config['schema.history.internal.kafka.bootstrap.servers'] = brokers.join(',');
    config['schema.history.internal.consumer.group.id'] = schemaHistoryGroupFor(spec.name);
    for (const client of ['producer', 'consumer']) {
      const p = `schema.history.internal.${client}.`;
      config[`${p}security.protocol`] = 'SASL_SSL';
      config[`${p}sasl.mechanism`] = 'AWS_MSK_IAM';
      config[`${p}sasl.jaas.config`] = 'software.amazon.msk.auth.iam.IAMLoginModule required;';
      config[`${p}sasl.client.callback.handler.class`] =
        'software.amazon.msk.auth.iam.IAMClientCallbackHandler';
    }
  }
  return config;
}

async function describe(
  deps: Pick<ConnectorDeps, 'mskConnect'>,
  arn: string,
): Promise<DescribeConnectorResponse> {
  return awsCall('DescribeConnector', arn, () =>
    deps.mskConnect.send(new DescribeConnectorCommand({ connectorArn: arn })),
  );
}

const id = (spec: ConnectorSpec) => `${spec.name} (msk-connect)`;
const createdHere = (journal: Journal | undefined, arn: string) =>
  (journal?.ledger ?? []).some(
    (e) => e.kind === 'connector' && e.platform === 'msk-connect' && e.connectorArn === arn,
  );

/** What ensuring an MSK Connect connector would do, and how the run stands to the one there. */
export interface MskConnectorPlan {
  change: Change;
  existing?: DescribeConnectorResponse;
  /** `this-run` / `inherited`: an unfinished run of this request claimed it; this run carries it. */
  standing: Standing;
}

/**
 * The connector's change: create, none, update (capacity only), or an ownership error. Read-only. Only a
 * connector msk-flows owns for this principal (the cluster's ownership registry, its description, or this
 * execution's ledger says so) may be changed: a same-named one that is another principal's in the registry,
 * or is neither in it nor described as made by msk-flows for this principal, is refused and left alone.
 */
export async function planConnectorItself(
  spec: ConnectorSpec,
  cluster: MskClusterForConnect,
  deps: ConnectorDeps,
  request: ConnectorRequest,
  journal?: Journal,
  registry?: ConnectorRegistry,
): Promise<MskConnectorPlan> {
  const { principal } = request;
  const standing = connectorStanding(registry, mskConnectorEntry(spec.name), runContextOf(request, journal));
  const summary = await findConnector(deps.mskConnect, spec.name);
  if (!summary?.connectorArn)
    return { standing, change: { kind: 'connector', id: id(spec), action: 'create', detail: spec.kind } };
  const existing = await describe(deps, summary.connectorArn);
  // An intent proves nothing about what exists (a crash, or someone else's create, may have come first).
  const described = existing.connectorDescription === mskConnectorDescriptionFor(principal);
  const ours =
    createdHere(journal, summary.connectorArn) || standing === 'ours' || (standing !== 'other' && described);
  const why =
    standing === 'other' ? 'is owned by another principal' : `was not created by msk-flows for ${principal}`;
  const wanted = await mskConnectorConfiguration(spec, cluster, deps);
  const differing = differingKeys(existing.connectorConfiguration ?? {}, wanted);
  // msk-flows updates only the capacity: another configuration is refused unless this execution made it.
  if (differing.length > 0 && !createdHere(journal, summary.connectorArn))
    throw new ConnectorOwnershipError(spec.name, 'MSK Connect', differing, ours ? undefined : why);
  const capacityChanged =
    JSON.stringify(currentCapacity(existing)) !== JSON.stringify(capacityOf(spec.capacity));
  if (capacityChanged && !ours)
    throw new ConnectorOwnershipError(spec.name, 'MSK Connect', ['capacity'], why);
  return {
    existing,
    standing: described || standing === 'ours' ? standing : 'foreign',
    change: capacityChanged
      ? { kind: 'connector', id: id(spec), action: 'update', detail: 'capacity' }
      : { kind: 'connector', id: id(spec), action: 'none' },
  };
}

/**
 * Creates the connector (autoscaled or provisioned capacity, IAM client authentication, TLS in transit,
 * CloudWatch worker logs, the service execution role) once its plugin is ACTIVE, or updates the capacity
 * of an existing one with its CurrentVersion.
 */
export async function ensureMskConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  journal: Journal,
  deps: ConnectorDeps,
  registry?: ConnectorRegistry,
): Promise<{ change: Change; entry?: LedgerEntry }> {
  const cluster = await mskConnectPreflight(spec, request, deps);
  const plan = await planConnectorItself(spec, cluster, deps, request, journal, registry);
  const { change, existing } = plan;
  const ctx = runContextOf(request, journal);
  // One an unfinished run of this request claimed (and created) is carried: claimed again, owned, journaled.
  if (existing?.connectorArn && (plan.standing === 'this-run' || plan.standing === 'inherited')) {
    const entry = mskConnectorEntry(spec.name, existing.connectorArn);
    const tickets = await claimConnectors(registry, ctx, [entry]);
    await settleConnectorsOwned(registry, tickets, entry);
    if (change.action === 'none') return { change, entry };
  }
  if (change.action === 'none') return { change };
  if (existing?.connectorArn) {
    const arn = existing.connectorArn;
    await awsCall('UpdateConnector', arn, () =>
      deps.mskConnect.send(
        new UpdateConnectorCommand({
          connectorArn: arn,
          currentVersion: existing.currentVersion,
          capacity: capacityOf(spec.capacity) as CapacityUpdate,
        }),
      ),
    );
    const entry: LedgerEntry = {
      kind: 'connector',
      platform: 'msk-connect',
      name: spec.name,
      connectorArn: arn,
      previousCapacity: currentCapacity(existing),
    };
    return { change, entry };
  }
  const plugin = await mskPluginState(spec, deps);
  if (!plugin.active || !plugin.arn)
    throw new ConnectorPreflightError(
      spec.name,
      'custom-plugin',
      `custom plugin is ${plugin.state}, not ACTIVE`,
    );
  const workerConfiguration = spec.workerConfiguration
    ? await findWorkerConfiguration(
        deps.mskConnect,
        workerConfigurationNameFor(spec.name, spec.workerConfiguration),
      )
    : undefined;
  const brokers = await resolveMskBootstrapBrokers(cluster.clusterArn, 'iam', { kafka: deps.kafka });
  const connectorConfiguration = await mskConnectorConfiguration(spec, cluster, deps);
  // Claimed by name before it exists, so a crash before its outcome is recorded still finds it.
  const tickets = await claimConnectors(registry, ctx, [mskConnectorEntry(spec.name)]);
  const out = await awsCall('CreateConnector', spec.name, () =>
    deps.mskConnect.send(
      new CreateConnectorCommand({
        connectorName: spec.name,
        connectorDescription: mskConnectorDescriptionFor(request.principal),
        connectorConfiguration,
        capacity: capacityOf(spec.capacity),
        kafkaCluster: {
          apacheKafkaCluster: {
            bootstrapServers: brokers.join(','),
            vpc: { subnets: cluster.subnets, securityGroups: cluster.securityGroups },
          },
        },
        kafkaClusterClientAuthentication: { authenticationType: 'IAM' },
        kafkaClusterEncryptionInTransit: { encryptionType: 'TLS' },
        kafkaConnectVersion: spec.kafkaConnectVersion,
        logDelivery: {
          workerLogDelivery: {
            cloudWatchLogs: { enabled: true, logGroup: workerLogGroupOf(spec, deps) },
          },
        },
        plugins: [{ customPlugin: { customPluginArn: plugin.arn, revision: plugin.revision ?? 1 } }],
        serviceExecutionRoleArn: spec.serviceExecutionRoleArn,
        ...(workerConfiguration?.workerConfigurationArn
          ? {
              workerConfiguration: {
                workerConfigurationArn: workerConfiguration.workerConfigurationArn,
                revision: workerConfiguration.latestRevision?.revision ?? 1,
              },
            }
          : {}),
        tags: { ...request.tags, 'msk-flows:request': request.requestId },
      }),
    ),
  );
  deps.logger.info('msk connect connector created', { connector: spec.name, arn: out.connectorArn });
  const entry = mskConnectorEntry(spec.name, out.connectorArn);
  await settleConnectorsOwned(registry, tickets, entry);
  return { change, entry };
}
