import type { Admin } from '@platformatic/kafka';
import type { SecretStore } from '../../shared/secrets/store';
import { type ConnectorUndoDeps, undoHeldConnectors } from '../connectors/undoRunConnectors';
import type { Change } from '../contracts';
import type { RegistryView } from './fold';
import type { Registry } from './registry';
import type { RegistryOwner } from './types';
import { closeRun, type Leftover, undoRunKafkaSide } from './undoRun';

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
 * `intent` checked against the cluster, an `owned` thing it created) is undone, one admin request per
 * kind (its connectors through `connectors`), and the run is closed. Used by offboarding (the principal's
 * runs) and `msk-flows reconcile`.
 */
export async function finishRuns(
  admin: Admin,
  registry: Registry,
  secrets: SecretStore,
  runs: readonly UnfinishedRun[],
  connectors?: ConnectorUndoDeps,
): Promise<FinishRunsOutcome> {
  const outcome: FinishRunsOutcome = { finished: [], changes: [], leftovers: [] };
  for (const { run } of runs) {
    const view = await registry.view();
    // Connectors first: they stop using the principal before its access goes.
    const connectorSide = await undoHeldConnectors(registry, view, run, [], connectors);
    const undone = await undoRunKafkaSide(admin, registry, view, run, [], secrets);
    undone.changes.unshift(...connectorSide.changes);
    undone.leftovers.unshift(...connectorSide.leftovers);
    await closeRun(registry, view, run, undone.leftovers);
    outcome.changes.push(...undone.changes);
    outcome.leftovers.push(...undone.leftovers.map((l) => ({ ...l, run })));
    if (undone.leftovers.length === 0) outcome.finished.push(run);
  }
  return outcome;
}
