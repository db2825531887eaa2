import type { Admin } from '@platformatic/kafka';
import type { SecretStore } from '../../shared/secrets/store';
import { isConnectorEntry } from '../connectors/registryClaims';
import { type ConnectorUndoDeps, undoHeldConnectors } from '../connectors/undoRunConnectors';
import type { Change } from '../contracts';
import type { RegistryView } from './fold';
import type { Registry } from './registry';
import type { RegistryOwner } from './types';
import { type AwsSideUndo, undoRunAwsSide } from './undoAwsSide';
import { isKafkaUndoKind } from './undoKafka';
import { closeRun, type Leftover, runTickets, undoRunKafkaSide } from './undoRun';

/** A run the registry shows started but neither committed nor compensated (crashed, or undo incomplete). */
export interface UnfinishedRun {
  run: string;
  owner: RegistryOwner;
  /** When its record was last written. */
  at: string;
  note?: string;
}

/** Which runs to finish: all, one principal's, or one request's; `except` is the caller's own run. */
export interface RunFilter {
  principal?: string;
  requestId?: string;
  except?: string;
}

/** The unfinished runs matching `filter`, oldest first. */
export function unfinishedRuns(view: RegistryView, filter: RunFilter = {}): UnfinishedRun[] {
  return [...view.values()]
    .flatMap((v) =>
      v.owner && v.identity.kind === 'run' && v.owner.record.state === 'intent' ? [v.owner] : [],
    )
    .filter((h) => !filter.principal || h.record.owner.principal === filter.principal)
    .filter((h) => !filter.requestId || h.record.owner.requestId === filter.requestId)
    .filter((h) => h.record.id !== filter.except)
    .sort((a, b) => (a.offset < b.offset ? -1 : 1))
    .map((h) => ({ run: h.record.id, owner: h.record.owner, at: h.record.at, note: h.record.note }));
}

/** What finishing runs did. */
export interface FinishRunsOutcome {
  finished: string[];
  changes: Change[];
  leftovers: (Leftover & { run: string })[];
}

/**
 * Finishes the compensation of unfinished runs from the registry alone: whatever each still holds (an
 * `intent` checked against the cluster or AWS, an `owned` thing it created) is undone: its connectors first
 * (through `connectors`: they stop using the principal before its access goes), the Kafka side one admin
 * request per kind, then the AWS side (`aws`: MSK secrets and associations), and the run is closed.
 * Something held of a kind none of them undoes is a leftover, so the run stays open rather than orphan it.
 * Used by offboarding (the principal's runs) and `msk-flows reconcile`.
 */
export async function finishRuns(
  admin: Admin,
  registry: Registry,
  secrets: SecretStore,
  runs: readonly UnfinishedRun[],
  aws: AwsSideUndo,
  connectors?: ConnectorUndoDeps,
): Promise<FinishRunsOutcome> {
  const outcome: FinishRunsOutcome = { finished: [], changes: [], leftovers: [] };
  for (const { run, owner } of runs) {
    const view = await registry.view();
    const connectorSide = await undoHeldConnectors(registry, view, run, [], connectors);
    const kafka = await undoRunKafkaSide(admin, registry, view, run, [], secrets);
    const awsSide = await undoRunAwsSide(registry, view, run, owner, [], aws);
    const unknown: Leftover[] = runTickets(view, run)
      .filter(
        (t) =>
          t.entry &&
          !isKafkaUndoKind(t.entry.kind) &&
          !aws.order.includes(t.entry.kind) &&
          !isConnectorEntry(t.entry),
      )
      .map((t) => ({ kind: t.kind, id: t.id, error: 'no compensation for this kind here' }));
    const leftovers = [...connectorSide.leftovers, ...kafka.leftovers, ...awsSide.leftovers, ...unknown];
    await closeRun(registry, view, run, leftovers);
    outcome.changes.push(...connectorSide.changes, ...kafka.changes, ...awsSide.changes);
    outcome.leftovers.push(...leftovers.map((l) => ({ ...l, run })));
    if (leftovers.length === 0) outcome.finished.push(run);
  }
  return outcome;
}
