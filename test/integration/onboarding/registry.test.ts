import { ownerOf } from '../../../tasks/onboarding/registry/fold';
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
