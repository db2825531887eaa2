import type { Change, ConnectorLedgerEntry, Journal, LedgerEntry } from '../../contracts';
import { mayChange, runContextOf, type Standing } from '../../registry/runContext';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { secretNameFor } from '../../request/names';
import { ConnectorOwnershipError, KafkaConnectNotConfiguredError } from '../errors';
import {
  type ConnectorRegistry,
  claimConnectors,
  connectorStanding,
  settleConnectorsOwned,
} from '../registryClaims';
import type { ConnectorDeps, ConnectorRequest } from '../types';
import { differingKeys, effectiveConfig } from './effectiveConfig';
import type { KafkaConnectApi } from './restClient';

/** The configured Kafka Connect cluster, or a typed error naming the connector that needs one. */
export function kafkaConnectFor(
  spec: ConnectorSpec,
  deps: Pick<ConnectorDeps, 'kafkaConnect'>,
): KafkaConnectApi {
  const api = deps.kafkaConnect();
  if (!api) throw new KafkaConnectNotConfiguredError(spec.name);
  return api;
}

const createdHere = (journal: Journal | undefined, api: KafkaConnectApi, name: string) =>
  (journal?.ledger ?? []).some(
    (e) =>
      e.kind === 'connector' && e.platform === 'kafka-connect' && e.name === name && e.connectUrl === api.url,
  );

/** The ledger entry (and registry identity) of a connector on this Kafka Connect cluster. */
export const kafkaConnectorEntry = (api: KafkaConnectApi, name: string): KafkaConnectorEntry => ({
  kind: 'connector',
  platform: 'kafka-connect',
  connectUrl: api.url,
  name,
});

type KafkaConnectorEntry = Extract<ConnectorLedgerEntry, { kind: 'connector'; platform: 'kafka-connect' }>;

/** What ensuring a Kafka Connect connector would do, and how the run stands to the one there. */
export interface KafkaConnectorPlan {
  change: Change;
  wanted: Record<string, string>;
  api: KafkaConnectApi;
  entry: KafkaConnectorEntry;
  /** `this-run` / `inherited`: an unfinished run of this request made it; this run carries it. */
  standing: Standing;
}

/**
 * What ensuring this connector would do: `create` (absent), `none` (same config), `update` (another config
 * on a connector msk-flows owns for this principal in the cluster's ownership registry, or that this
 * execution created). Another config on a connector that is not in the registry (foreign) or is another
 * principal's is a ConnectorOwnershipError: msk-flows never changes what it did not create.
 */
export async function planKafkaConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: ConnectorDeps,
  journal?: Journal,
  registry?: ConnectorRegistry,
): Promise<KafkaConnectorPlan> {
  const api = kafkaConnectFor(spec, deps);
  const entry = kafkaConnectorEntry(api, spec.name);
  const standing = connectorStanding(registry, entry, runContextOf(request, journal));
  const wanted = await effectiveConfig(spec, request, deps);
  const current = await api.getConfig(spec.name);
  const id = `${spec.name} (kafka-connect)`;
  const plan = { api, wanted, entry, standing };
  if (current === undefined)
    return { ...plan, change: { kind: 'connector', id, action: 'create', detail: spec.kind } };
  const differing = differingKeys(current, wanted);
  if (differing.length === 0) return { ...plan, change: { kind: 'connector', id, action: 'none' } };
  if (!mayChange(standing) && !createdHere(journal, api, spec.name))
    throw new ConnectorOwnershipError(
      spec.name,
      api.url,
      differing,
      standing === 'other' ? 'is owned by another principal' : 'is not in the ownership registry',
    );
  return { ...plan, change: { kind: 'connector', id, action: 'update', detail: differing.join(', ') } };
}

/**
 * Creates or updates the connector as planned (`PUT /connectors/{name}/config`). A creation (or a
 * connector an unfinished run of this request left) is claimed `intent` in the ownership registry
 * before the PUT and recorded `owned` after it; its ledger entry lets Undo Changes delete it.
 */
export async function ensureKafkaConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  journal: Journal,
  deps: ConnectorDeps,
  registry?: ConnectorRegistry,
): Promise<{ change: Change; entry?: LedgerEntry }> {
  const { api, wanted, change, entry, standing } = await planKafkaConnector(
    spec,
    request,
    deps,
    journal,
    registry,
  );
  const carried = standing === 'this-run' || standing === 'inherited';
  if (change.action === 'none' && !carried) return { change };
  const made = change.action === 'create' || carried;
  const tickets = made ? await claimConnectors(registry, runContextOf(request, journal), [entry]) : [];
  if (change.action !== 'none') {
    await deps.publishSecret?.(secretNameFor(request.principal));
    const created = await api.putConfig(spec.name, wanted);
    deps.logger.info('kafka connect connector put', { connector: spec.name, created });
  }
  await settleConnectorsOwned(registry, tickets);
  return { change, entry: made ? entry : undefined };
}
