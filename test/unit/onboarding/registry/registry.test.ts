import {
  ForeignResourceError,
  RegistryClaimConflictError,
} from '../../../../tasks/onboarding/registry/errors';
import { foldRegistry, ownerOf, recordKey } from '../../../../tasks/onboarding/registry/fold';
import { Registry } from '../../../../tasks/onboarding/registry/registry';
import type { RegistryLog, RegistryRecord, StoredRecord } from '../../../../tasks/onboarding/registry/types';

/** An ordered log in memory, with Kafka's compaction (latest record per key) on demand. */
function memoryLog() {
  let records: StoredRecord[] = [];
  let next = 0n;
  const log: RegistryLog & { compact: () => void; records: () => StoredRecord[] } = {
    readAll: async () => [...records],
    append: async (batch) =>
      batch.map((record) => {
        const offset = next++;
        records.push({ offset, record });
        return offset;
      }),
    compact: () => {
      const latest = new Map<string, StoredRecord>();
      for (const stored of records) latest.set(recordKey(stored.record), stored);
      records = [...latest.values()].sort((a, b) => (a.offset < b.offset ? -1 : 1));
    },
    records: () => records,
  };
  return log;
}

const alice = { principal: 'alice', requestId: 'req-a' };
const bob = { principal: 'bob', requestId: 'req-b' };
const topic = (id: string) => ({ kind: 'topic', id, origin: 'created' as const });

describe('Registry', () => {
  it('grants a fresh claim as an intent and an outcome continues it', async () => {
    // Prepare
    const log = memoryLog();
    const registry = new Registry(log);

    // Act
    const [ticket] = await registry.claim(alice, 'run-1', [topic('orders')]);
    await registry.settle([{ ticket: ticket as NonNullable<typeof ticket>, state: 'owned' }]);

    // Assess
    const owner = ownerOf(await registry.view(), { kind: 'topic', id: 'orders' });
    expect(owner?.principal).toBe('alice');
    expect(owner?.record.state).toBe('owned');
    expect(owner?.claim).toBe(0n);
    expect(log.records().map((r) => r.record.state)).toEqual(['intent', 'owned']);
  });

  it('refuses, before writing anything, a claim on what another principal holds', async () => {
    // Prepare
    const log = memoryLog();
    const registry = new Registry(log);
    await registry.claim(alice, 'run-1', [topic('orders')]);

    // Act
    const claim = registry.claim(bob, 'run-2', [topic('orders'), topic('other')]);

    // Assess
    await expect(claim).rejects.toBeInstanceOf(ForeignResourceError);
    await expect(claim).rejects.toThrow(/topic orders \(claim; owned by alice\)/);
    expect(log.records()).toHaveLength(1);
  });

  it('lets the first of two concurrent claims win by offset; the loser withdraws its whole batch', async () => {
    // Prepare: both read the empty registry before either writes (the race the re-read settles).
    const log = memoryLog();
    const slowReads: (() => void)[] = [];
    let reads = 0;
    const racing: RegistryLog = {
      append: log.append,
      readAll: async () => {
        reads++;
        if (reads <= 2) await new Promise<void>((resolve) => slowReads.push(resolve));
        return log.readAll();
      },
    };
    const a = new Registry(racing).claim(alice, 'run-a', [topic('orders'), topic('a-only')]);
    const b = new Registry(racing).claim(bob, 'run-b', [topic('orders')]);
    await new Promise((resolve) => setImmediate(resolve));
    for (const release of slowReads) release();

    // Act
    const [ra, rb] = await Promise.allSettled([a, b]);

    // Assess
    expect(ra.status).toBe('fulfilled');
    expect(rb.status).toBe('rejected');
    expect((rb as PromiseRejectedResult).reason).toBeInstanceOf(RegistryClaimConflictError);
    const view = foldRegistry(log.records());
    expect(ownerOf(view, { kind: 'topic', id: 'orders' })?.principal).toBe('alice');
    const bobsLatest = log
      .records()
      .filter((r) => r.record.owner.principal === 'bob')
      .at(-1);
    expect(bobsLatest?.record.state).toBe('released');
  });

  it('keeps the winner after compaction even when the loser never withdrew', () => {
    // Prepare: alice claims at 0, bob (crashed) at 1, alice owns at 2 continuing her claim at 0.
    const log = memoryLog();
    const rec = (owner: typeof alice, state: RegistryRecord['state'], claimOffset?: string) => ({
      kind: 'topic',
      id: 'orders',
      owner,
      run: `run-${owner.principal}`,
      origin: 'created' as const,
      state,
      at: '2026-01-01T00:00:00.000Z',
      ...(claimOffset ? { claimOffset } : {}),
    });
    void log.append([rec(alice, 'intent'), rec(bob, 'intent'), rec(alice, 'owned', '0')]);

    // Act
    log.compact();
    const view = foldRegistry(log.records());

    // Assess: alice's claim (0) still sorts before bob's (1) though her claim record is gone.
    expect(log.records().map((r) => r.offset)).toEqual([1n, 2n]);
    expect(ownerOf(view, { kind: 'topic', id: 'orders' })?.principal).toBe('alice');
    expect(view.get(JSON.stringify(['topic', 'orders']))?.contenders.map((c) => c.principal)).toEqual([
      'bob',
    ]);
  });

  it('frees a thing once its owner releases it, and a later claim takes it', async () => {
    // Prepare
    const registry = new Registry(memoryLog());
    const [ticket] = await registry.claim(alice, 'run-1', [topic('orders')]);
    await registry.settle([{ ticket: ticket as NonNullable<typeof ticket>, state: 'released' }]);

    // Act
    await registry.claim(bob, 'run-2', [topic('orders')]);

    // Assess
    expect(ownerOf(await registry.view(), { kind: 'topic', id: 'orders' })?.principal).toBe('bob');
  });

  it('continues the claim of a thing the same principal already holds (another request, same owner)', async () => {
    // Prepare
    const registry = new Registry(memoryLog());
    await registry.claim(alice, 'run-1', [topic('orders')]);

    // Act
    const [again] = await registry.claim({ ...alice, requestId: 'req-a2' }, 'run-2', [topic('orders')]);

    // Assess
    expect(again?.claim).toBe(0n);
    const owner = ownerOf(await registry.view(), { kind: 'topic', id: 'orders' });
    expect(owner?.record.owner.requestId).toBe('req-a2');
    expect(owner?.record.run).toBe('run-2');
  });
});
