import { topicActionChanges } from '../../../../tasks/onboarding/topics/planTopics';

describe('topicActionChanges', () => {
  it('describes a create with partitions, replication factor and config', () => {
    // Prepare
    const spec = { name: 'orders.events', partitions: 6, config: { 'retention.ms': '604800000' } };

    // Act
    const changes = topicActionChanges({ kind: 'create', spec });

    // Assess
    expect(changes).toEqual([
      {
        kind: 'topic',
        id: 'orders.events',
        action: 'create',
        detail: 'partitions 6, replication factor broker default, retention.ms=604800000',
      },
    ]);
  });

  it('reports an unchanged topic as none', () => {
    // Prepare
    const action = { kind: 'none', topic: 'orders.events' } as const;

    // Act
    const changes = topicActionChanges(action);

    // Assess
    expect(changes).toEqual([{ kind: 'topic', id: 'orders.events', action: 'none' }]);
  });
});
