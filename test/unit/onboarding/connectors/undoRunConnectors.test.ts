import type { KafkaConnectApi } from '../../../../tasks/onboarding/connectors/kafkaConnect/restClient';
import {
  type ConnectorUndoDeps,
  undoHeldConnectors,
  undoRunConnectors,
} from '../../../../tasks/onboarding/connectors/undoRunConnectors';
import type { ConnectorLedgerEntry } from '../../../../tasks/onboarding/contracts';
import { ownerOf } from '../../../../tasks/onboarding/registry/fold';
import { Registry } from '../../../../tasks/onboarding/registry/registry';
import { claimForRun, runContextOf } from '../../../../tasks/onboarding/registry/runContext';
import type { RegistryLog, StoredRecord } from '../../../../tasks/onboarding/registry/types';
import { registryIdentityOf } from '../../../../tasks/onboarding/registryIdentity';

const URL = 'http://connect.test:8083';
const request = { principal: 'alice', requestId: 'req-a' };
const run = 'req-a/run-1';

/** An ordered registry log in memory. */
function memoryLog(): RegistryLog {
  const records: StoredRecord[] = [];
  let next = 0n;
  return {
    readAll: async () => [...records],
    append: async (batch) =>
      batch.map((record) => {
        const offset = next++;
        records.push({ offset, record });
        return offset;
      }),
  };
}

/** A Kafka Connect worker in memory: its connectors by name; `failing` names answer deletes with an error. */
function worker(names: string[], failing: string[] = []) {
  const present = new Set(names);
  const deleted: string[] = [];
  const api: KafkaConnectApi = {
    url: URL,
    getConfig: async (name) => (present.has(name) ? { name } : undefined),
    putConfig: async (name) => {
      const created = !present.has(name);
      present.add(name);
      return created;
    },
    status: async () => undefined,
    delete: async (name) => {
      if (failing.includes(name))
        throw Object.assign(new Error(`worker down for ${name}`), { name: 'KafkaConnectUnavailableError' });
      deleted.push(name);
      return present.delete(name);
    },
  };
  const deps = { kafkaConnect: () => api, mskConnect: {}, iam: {} } as unknown as ConnectorUndoDeps;
  return { deps, deleted, present };
}

const connector = (name: string): ConnectorLedgerEntry => ({
  kind: 'connector',
  platform: 'kafka-connect',
  connectUrl: URL,
  name,
});

/** A registry where `run` claimed each connector `intent` (and `owned` for those in `owned`). */
async function registryHolding(entries: ConnectorLedgerEntry[], owned: string[] = []) {
  const registry = new Registry(memoryLog());
  const tickets = await claimForRun(
    registry,
    runContextOf(request, { run }),
    entries.map((entry) => ({ ...registryIdentityOf(entry), origin: 'created' as const, entry })),
  );
  await registry.settle(
    tickets
      .filter((t) => owned.some((n) => t.id.endsWith(`/${n}`)))
      .map((ticket) => ({ ticket, state: 'owned' as const })),
  );
  return registry;
}

const holder = async (registry: Registry, entry: ConnectorLedgerEntry) =>
  ownerOf(await registry.view(), registryIdentityOf(entry));

describe('undoRunConnectors', () => {
  it('deletes a connector the run holds but the ledger lost (an intent without outcome) and releases it', async () => {
    // Prepare
    const lost = connector('lost');
    const registry = await registryHolding([lost]);
    const { deps, deleted, present } = worker(['lost']);

    // Act
    const outcome = await undoRunConnectors(registry, await registry.view(), run, [], [], deps);

    // Assess
    expect(deleted).toEqual(['lost']);
    expect(present.has('lost')).toBe(false);
    expect(outcome).toEqual({
      changes: [{ kind: 'connector', id: 'lost (kafka-connect)', action: 'delete' }],
      leftovers: [],
      errors: [],
    });
    expect(await holder(registry, lost)).toBeUndefined();
  });

  it('reports an intent whose connector was never created as already gone, and releases it', async () => {
    // Prepare
    const never = connector('never');
    const registry = await registryHolding([never]);
    const { deps } = worker([]);

    // Act
    const outcome = await undoRunConnectors(registry, await registry.view(), run, [], [], deps);

    // Assess
    expect(outcome.changes).toEqual([
      { kind: 'connector', id: 'never (kafka-connect)', action: 'none', detail: 'already gone' },
    ]);
    expect(await holder(registry, never)).toBeUndefined();
  });

  it('only releases what the ledger listed (Undo Changes deleted it already), and keeps what failed there', async () => {
    // Prepare
    const [listed, failed] = [connector('listed'), connector('failed')];
    const registry = await registryHolding([listed, failed], ['listed', 'failed']);
    const { deps, deleted } = worker(['failed']);
    const failedId = registryIdentityOf(failed);

    // Act
    const outcome = await undoRunConnectors(
      registry,
      await registry.view(),
      run,
      [listed, failed],
      [{ ...failedId, error: 'KafkaConnectUnavailableError: worker down' }],
      deps,
    );

    // Assess
    expect(deleted).toEqual([]);
    expect(outcome).toEqual({ changes: [], leftovers: [], errors: [] });
    expect(await holder(registry, listed)).toBeUndefined();
    expect((await holder(registry, failed))?.record).toMatchObject({ state: 'owned', run });
  });

  it('keeps a connector it cannot delete, as a leftover naming it', async () => {
    // Prepare
    const stuck = connector('stuck');
    const registry = await registryHolding([stuck]);
    const { deps } = worker(['stuck'], ['stuck']);

    // Act
    const outcome = await undoRunConnectors(registry, await registry.view(), run, [], [], deps);

    // Assess
    expect(outcome.leftovers).toEqual([
      {
        kind: 'connector',
        id: `${URL}/connectors/stuck`,
        error: 'KafkaConnectUnavailableError: worker down for stuck',
      },
    ]);
    expect((await holder(registry, stuck))?.record).toMatchObject({ state: 'intent', run });
  });
});

describe('undoHeldConnectors', () => {
  it('without connector access, names every connector the run holds as a leftover and releases nothing', async () => {
    // Prepare
    const held = connector('held');
    const registry = await registryHolding([held], ['held']);

    // Act
    const outcome = await undoHeldConnectors(registry, await registry.view(), run, [], undefined);

    // Assess
    expect(outcome.leftovers.map((l) => [l.kind, l.id])).toEqual([['connector', `${URL}/connectors/held`]]);
    expect(outcome.leftovers[0]?.error).toContain('msk-flows reconcile');
    expect((await holder(registry, held))?.record.state).toBe('owned');
  });
});
