import { jest } from '@jest/globals';
import { Consumer, Producer } from '@platformatic/kafka';
import { platformaticAdminOptions } from '../../../tasks/onboarding/kafka/platformaticAdmin';
import { ownerOf } from '../../../tasks/onboarding/registry/fold';
import { kafkaRegistryLog } from '../../../tasks/onboarding/registry/kafkaLog';
import { Registry } from '../../../tasks/onboarding/registry/registry';
import { REGISTRY_TOPIC } from '../../../tasks/onboarding/registry/registryTopic';
import { withAdminAndRegistry } from '../../../tasks/onboarding/registry/session';
import { localKafkaConfig } from '../../helpers/localStack';
import { randomName, userName } from '../../helpers/names';

describe('ownership registry on the local broker', () => {
  it('lets exactly one of two concurrent claims on the same thing win, and both readers agree', async () => {
    // Prepare
    const connection = await localKafkaConfig();
    const id = randomName('registry-race');
    const principals = [userName(), userName()];

    // Act: two runs, each with its own connections, claim at the same time.
    const results = await Promise.allSettled(
      principals.map((principal) =>
        withAdminAndRegistry(connection, 'test', (_, registry) =>
          registry.claim({ principal, requestId: `req-${principal}` }, `run-${principal}`, [
            { kind: 'topic', id, origin: 'created' },
          ]),
        ),
      ),
    );

    // Assess
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]?.reason as Error | undefined)?.name).toMatch(
      /RegistryClaimConflictError|ForeignResourceError/,
    );
    const winner = principals[results.findIndex((r) => r.status === 'fulfilled')];
    const views = await Promise.all(
      [1, 2].map(() => withAdminAndRegistry(connection, 'test', async (_, registry) => registry.view())),
    );
    for (const view of views) expect(ownerOf(view, { kind: 'topic', id })?.principal).toBe(winner);
  });

  it('reads on from where it stopped and sees what another session appended meanwhile, as a fresh read does', async () => {
    // Prepare
    const connection = await localKafkaConfig();
    const principal = userName();
    const id = randomName('registry-incremental');
    const owner = { principal, requestId: `req-${principal}` };

    // Act: one session reads, another claims, the first reads again; then a new session reads from the start.
    const [before, after] = await withAdminAndRegistry(connection, 'test', async (_, registry) => {
      const first = await registry.view();
      await withAdminAndRegistry(connection, 'test', (__, other) =>
        other.claim(owner, `run-${principal}`, [{ kind: 'topic', id, origin: 'created' }]),
      );
      return [first, await registry.view()];
    });
    const fresh = await withAdminAndRegistry(connection, 'test', async (_, registry) => registry.view());

    // Assess
    expect(ownerOf(before, { kind: 'topic', id })).toBeUndefined();
    expect(ownerOf(after, { kind: 'topic', id })?.principal).toBe(principal);
    expect(ownerOf(after, { kind: 'topic', id })).toEqual(ownerOf(fresh, { kind: 'topic', id }));
    expect(after.get(JSON.stringify(['run', `run-${principal}`]))).toEqual(
      fresh.get(JSON.stringify(['run', `run-${principal}`])),
    );
  });

  it('folds what a process read before plus what was appended since to the view a read from the start gives', async () => {
    // Prepare: this process has read the registry (its per-process cache); then a reader that keeps no cache
    // (another process, as far as the cache knows) claims a thing.
    const connection = await localKafkaConfig();
    const principal = userName();
    const id = randomName('registry-cached');
    const owner = { principal, requestId: `req-${principal}` };
    await withAdminAndRegistry(connection, 'test', async (_, registry) => registry.view());
    const options = await platformaticAdminOptions(connection);
    const consumer = new Consumer({ ...options, groupId: 'msk-flows-registry-reader' });
    const producer = new Producer({ ...options, acks: -1, idempotent: false });
    let uncached: Awaited<ReturnType<Registry['view']>>;
    try {
      const other = new Registry(kafkaRegistryLog(consumer, producer));
      await other.claim(owner, `run-${principal}`, [{ kind: 'topic', id, origin: 'created' }]);
      uncached = await other.view();
    } finally {
      await Promise.allSettled([consumer.close(), producer.close()]);
    }

    // Act: a new session of this process reads on from its cache (its fetches recorded).
    const fetched: bigint[] = [];
    const fetch = Consumer.prototype.fetch;
    const spy = jest.spyOn(Consumer.prototype, 'fetch').mockImplementation(function (
      this: Consumer,
      options,
    ) {
      for (const t of options.topics) for (const p of t.partitions) fetched.push(p.fetchOffset);
      return fetch.call(this, options);
    } as Consumer['fetch']);
    let cached: Awaited<ReturnType<Registry['view']>>;
    try {
      cached = await withAdminAndRegistry(connection, 'test', async (_, registry) => registry.view());
    } finally {
      spy.mockRestore();
    }

    // Assess: this process read on from where it stopped, never from the start again.
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((offset) => offset > 0n)).toBe(true);
    // Other test files may append in between, so the cached view (read later) may hold more, never less.
    expect(ownerOf(cached, { kind: 'topic', id })).toEqual(ownerOf(uncached, { kind: 'topic', id }));
    expect(ownerOf(cached, { kind: 'topic', id })?.principal).toBe(principal);
    expect([...uncached.keys()].filter((key) => !cached.has(key))).toEqual([]);
  });

  it('keeps its records in a compacted single-partition topic', async () => {
    // Prepare
    const connection = await localKafkaConfig();

    // Act
    const described = await withAdminAndRegistry(connection, 'test', async (admin) => {
      const metadata = await admin.metadata({ topics: [REGISTRY_TOPIC] });
      const [config] = await admin.describeConfigs({
        resources: [{ resourceType: 2, resourceName: REGISTRY_TOPIC, configurationKeys: ['cleanup.policy'] }],
      });
      return {
        partitions: metadata.topics.get(REGISTRY_TOPIC)?.partitionsCount,
        cleanup: config?.configs.find((c) => c.name === 'cleanup.policy')?.value,
      };
    });

    // Assess
    expect(described).toEqual({ partitions: 1, cleanup: 'compact' });
  });
});
