import type { Change, Journal, LedgerEntry } from '../../contracts';
import type { ConnectorSpec } from '../../request/connectorsSchema';
import { secretNameFor } from '../../request/names';
import { ConnectorOwnershipError, KafkaConnectNotConfiguredError } from '../errors';
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

/**
 * What ensuring this connector would do: `create` (absent), `none` (same config), `update` (another config
 * on a connector this execution created). Another config on a connector it did not create is a
 * ConnectorOwnershipError: msk-flows never changes what it did not create.
 */
export async function planKafkaConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  deps: ConnectorDeps,
  journal?: Journal,
): Promise<{ change: Change; wanted: Record<string, string>; api: KafkaConnectApi }> {
  const api = kafkaConnectFor(spec, deps);
  const wanted = await effectiveConfig(spec, request, deps);
  const current = await api.getConfig(spec.name);
  const id = `${spec.name} (kafka-connect)`;
  if (current === undefined)
    return { api, wanted, change: { kind: 'connector', id, action: 'create', detail: spec.kind } };
  const differing = differingKeys(current, wanted);
  if (differing.length === 0) return { api, wanted, change: { kind: 'connector', id, action: 'none' } };
  if (!createdHere(journal, api, spec.name)) throw new ConnectorOwnershipError(spec.name, api.url, differing);
  return { api, wanted, change: { kind: 'connector', id, action: 'update', detail: differing.join(', ') } };
}

/** Creates or updates the connector as planned (`PUT /connectors/{name}/config`); ledger entry when created. */
export async function ensureKafkaConnector(
  spec: ConnectorSpec,
  request: ConnectorRequest,
  journal: Journal,
  deps: ConnectorDeps,
): Promise<{ change: Change; entry?: LedgerEntry }> {
  const { api, wanted, change } = await planKafkaConnector(spec, request, deps, journal);
  if (change.action === 'none') return { change };
  await deps.publishSecret?.(secretNameFor(request.principal));
  const created = await api.putConfig(spec.name, wanted);
  deps.logger.info('kafka connect connector put', { connector: spec.name, created });
  const entry: LedgerEntry | undefined =
    change.action === 'create'
      ? { kind: 'connector', platform: 'kafka-connect', connectUrl: api.url, name: spec.name }
      : undefined;
  return { change, entry };
}
