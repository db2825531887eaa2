import type { ConnectorLedgerEntry, LedgerEntry } from '../contracts';
import type { RegistryView } from '../registry/fold';
import { type Registry, type Ticket, ticketOf } from '../registry/registry';
import { claimForRun, type RunContext, type Standing, standingOf } from '../registry/runContext';
import { connectorIdentityOf } from './identity';
import type { ConnectorDeps, ConnectorRequest } from './types';

/** The ledger kinds connectors write (what this file claims, undoes and releases). */
export const CONNECTOR_KINDS = new Set([
  'connector',
  'custom-plugin',
  'worker-configuration',
  'connector-role-policy',
]);

/** Whether a ledger entry (or a registry record's undo entry) is a connector thing. */
export const isConnectorEntry = (entry: LedgerEntry | undefined): entry is ConnectorLedgerEntry =>
  entry !== undefined && CONNECTOR_KINDS.has(entry.kind);

/** What the connector steps do with the ownership registry: the view they decide by, and the registry to claim in. */
export interface ConnectorRegistry {
  view: RegistryView;
  registry: Registry;
}

/**
 * Runs `fn` with the ownership registry of the request's cluster (README "Ownership registry"), or with
 * `undefined` when the deps name no way to reach the cluster (unit tests of the platform calls alone).
 */
export async function withConnectorRegistry<T>(
  request: ConnectorRequest,
  deps: Pick<ConnectorDeps, 'registrySession'>,
  operation: string,
  fn: (registry: ConnectorRegistry | undefined) => Promise<T>,
): Promise<T> {
  if (!deps.registrySession) return fn(undefined);
  return deps.registrySession(request.cluster, operation, async (registry) =>
    fn({ registry, view: await registry.view() }),
  );
}

/** How the run stands to a connector ledger entry's thing; `foreign` when there is no registry to ask. */
export function connectorStanding(
  registry: ConnectorRegistry | undefined,
  entry: ConnectorLedgerEntry,
  ctx: RunContext,
): Standing {
  if (!registry) return 'foreign';
  const { standing } = standingOf(registry.view, connectorIdentityOf(entry), ctx);
  // Connectors have no `adopt`: a connector not in the registry is foreign whatever the request adopts.
  return standing === 'adoptable' ? 'foreign' : standing;
}

/** Claims `intent` for the connector things the run is about to create (or carries over); none without a registry. */
export async function claimConnectors(
  registry: ConnectorRegistry | undefined,
  ctx: RunContext,
  entries: readonly ConnectorLedgerEntry[],
): Promise<Ticket[]> {
  if (!registry || entries.length === 0) return [];
  return claimForRun(
    registry.registry,
    ctx,
    entries.map((entry) => ({ ...connectorIdentityOf(entry), origin: 'created' as const, entry })),
  );
}

/**
 * Records claimed connector things `owned` once they exist; `learned`: the entry with what creating it
 * told (an MSK Connect ARN), recorded with the outcome so undo needs no lookup by name.
 */
export async function settleConnectorsOwned(
  registry: ConnectorRegistry | undefined,
  tickets: readonly Ticket[],
  learned?: ConnectorLedgerEntry,
): Promise<void> {
  await registry?.registry.settle(
    tickets.map((ticket) => ({
      ticket: learned ? { ...ticket, entry: learned } : ticket,
      state: 'owned' as const,
    })),
  );
}

/** Releases the principal's hold on a connector thing that is gone (offboarding); nothing when it holds none. */
export async function releaseConnector(
  registry: ConnectorRegistry | undefined,
  entry: ConnectorLedgerEntry,
  principal: string,
): Promise<void> {
  if (!registry) return;
  const ticket = ticketOf(registry.view, connectorIdentityOf(entry));
  if (!ticket || ticket.owner.principal !== principal) return;
  await registry.registry.settle([{ ticket, state: 'released', note: 'offboarded' }]);
}
