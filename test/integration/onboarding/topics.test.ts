import { ConfigResourceTypes, IncrementalAlterConfigOperationTypes } from '@platformatic/kafka';
import { deleteTopics } from '../../../tasks/offboarding/deleteTopics';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { TopicConfigDriftError } from '../../../tasks/onboarding/errors';
import { ensureTopics } from '../../../tasks/onboarding/topics/ensureTopics';
import { planTopics } from '../../../tasks/onboarding/topics/planTopics';
import { describeTopic, existingTopics } from '../../../tasks/onboarding/topics/topicAdmin';
import { undoChanges } from '../../../tasks/onboarding/undoChanges';
import { topicName, userName } from '../../helpers/names';
import {
  asAdmin,
  asPlatformaticAdmin,
  cleanUpKafka,
  eventually,
  journal,
  type LocalDeps,
  localDeps,
  localRequest,
} from './fixtures';

/** Which of `names` the broker lists, once its metadata has caught up with `expected`. */
function listed(names: string[], expected: string[]): Promise<string[]> {
  const read = async () =>
    (await asAdmin((admin) => admin.listTopics())).filter((t) => names.includes(t)).sort();
  return eventually(read, [...expected].sort());
}

type TopicInput = {
  name: string;
  partitions: number;
  replicationFactor?: number;
  config?: Record<string, string>;
};

/** Partitions, replication factor and the topic-level (dynamic) value of each key asked for. */
async function topicState(topic: string, keys: string[] = []) {
  const state = await asPlatformaticAdmin((admin) => describeTopic(admin, topic, keys));
  const setOnTopic = Object.fromEntries(
    [...state.config].filter(([, v]) => v.setOnTopic).map(([key, v]) => [key, v.value]),
  );
  return { partitions: state.partitions, replicationFactor: state.replicationFactor, setOnTopic };
}

describe('ensureTopics', () => {
  let deps: LocalDeps;
  // One principal per test: it owns the topics the test creates, so its later requests may change them.
  let owner: string;
  const topics: string[] = [];

  beforeEach(() => {
    deps = localDeps();
    owner = userName();
  });

  afterEach(async () => {
    await cleanUpKafka([], topics.splice(0));
    deps.cleanUp();
  });

  async function requestWith(...specs: TopicInput[]) {
    topics.push(...specs.map((spec) => spec.name));
    return localRequest({ principal: owner, topics: specs });
  }

  const undo = (
    request: Awaited<ReturnType<typeof requestWith>>,
    ledger: Parameters<typeof undoChanges>[0]['ledger'],
  ) => undoChanges({ request, ledger }, { kafka: deps, msk: mskCredentialsDeps });

  it('creates a missing topic with its partitions and config, and journals it', async () => {
    // Prepare
    const name = topicName();
    const request = await requestWith({
      name,
      partitions: 3,
      replicationFactor: 1,
      config: { 'retention.ms': '3600000' },
    });

    // Act
    const out = await ensureTopics({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes).toEqual([
      {
        kind: 'topic',
        id: name,
        action: 'create',
        detail: 'partitions 3, replication factor 1, retention.ms=3600000',
      },
    ]);
    expect(out.ledger).toEqual([{ kind: 'topic', topic: name }]);
    const expected = { partitions: 3, replicationFactor: 1, setOnTopic: { 'retention.ms': '3600000' } };
    expect(await eventually(() => topicState(name, ['retention.ms']), expected)).toEqual(expected);
  });

  it('reports none and journals nothing when run again', async () => {
    // Prepare
    const name = topicName();
    const request = await requestWith({ name, partitions: 2, config: { 'retention.ms': '3600000' } });
    const first = await ensureTopics({ request, journal: journal() }, deps);

    // Act
    const plan = await planTopics(request, deps);
    const second = await ensureTopics({ request, journal: first }, deps);

    // Assess
    expect(plan).toEqual([{ kind: 'topic', id: name, action: 'none' }]);
    expect(second.changes.slice(1)).toEqual([{ kind: 'topic', id: name, action: 'none' }]);
    expect(second.ledger).toEqual(first.ledger);
  });

  it('raises the partition count without journaling it (Kafka cannot undo it)', async () => {
    // Prepare
    const name = topicName();
    await ensureTopics({ request: await requestWith({ name, partitions: 2 }), journal: journal() }, deps);
    const request = await localRequest({
      principal: owner,
      requestId: `it-${owner}-2`,
      topics: [{ name, partitions: 5 }],
    } as Parameters<typeof localRequest>[0]);

    // Act
    const out = await ensureTopics({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes).toEqual([
      { kind: 'topic-partitions', id: name, action: 'update', detail: 'partitions 2 -> 5' },
    ]);
    expect(out.ledger).toEqual([]);
    expect(await eventually(async () => (await topicState(name)).partitions, 5)).toBe(5);
  });

  it('throws TopicConfigDriftError for fewer partitions and changes nothing', async () => {
    // Prepare
    const name = topicName();
    await ensureTopics({ request: await requestWith({ name, partitions: 4 }), journal: journal() }, deps);
    const request = await localRequest({
      principal: userName(),
      topics: [{ name, partitions: 2, config: { 'retention.ms': '1000' } }],
    });

    // Act
    const run = ensureTopics({ request, journal: journal() }, deps);

    // Assess
    await expect(run).rejects.toMatchObject({
      name: 'TopicConfigDriftError',
      topic: name,
      field: 'partitions',
      current: 4,
      requested: 2,
    });
    await expect(planTopics(request, deps)).rejects.toBeInstanceOf(TopicConfigDriftError);
    expect(await topicState(name, ['retention.ms'])).toEqual({
      partitions: 4,
      replicationFactor: 1,
      setOnTopic: {},
    });
  });

  it('throws TopicConfigDriftError when the replication factor differs', async () => {
    // Prepare
    const name = topicName();
    await ensureTopics({ request: await requestWith({ name, partitions: 1 }), journal: journal() }, deps);
    const request = await localRequest({
      principal: userName(),
      topics: [{ name, partitions: 1, replicationFactor: 3 }],
    });

    // Act
    const run = ensureTopics({ request, journal: journal() }, deps);

    // Assess
    await expect(run).rejects.toMatchObject({
      name: 'TopicConfigDriftError',
      field: 'replicationFactor',
      current: 1,
    });
  });

  it('sets only the requested keys, keeps keys set out of band, and undo restores the previous values', async () => {
    // Prepare: a topic with retention.ms set on it, then cleanup.policy set by someone else.
    const name = topicName();
    await ensureTopics(
      {
        request: await requestWith({ name, partitions: 1, config: { 'retention.ms': '3600000' } }),
        journal: journal(),
      },
      deps,
    );
    await asPlatformaticAdmin((admin) =>
      admin.incrementalAlterConfigs({
        resources: [
          {
            resourceType: ConfigResourceTypes.TOPIC,
            resourceName: name,
            configs: [
              {
                name: 'cleanup.policy',
                configOperation: IncrementalAlterConfigOperationTypes.SET,
                value: 'compact',
              },
            ],
          },
        ],
      }),
    );
    const request = await localRequest({
      principal: owner,
      requestId: `it-${owner}-2`,
      topics: [
        { name, partitions: 1, config: { 'retention.ms': '7200000', 'max.message.bytes': '2000000' } },
      ],
    } as Parameters<typeof localRequest>[0]);
    const keys = ['retention.ms', 'max.message.bytes', 'cleanup.policy'];

    // Act
    const out = await ensureTopics({ request, journal: journal() }, deps);
    const changed = {
      'retention.ms': '7200000',
      'max.message.bytes': '2000000',
      'cleanup.policy': 'compact',
    };
    const afterEnsure = await eventually(async () => (await topicState(name, keys)).setOnTopic, changed);
    const entry = out.ledger[0];
    if (entry?.kind !== 'topic-config') throw new Error('expected a topic-config ledger entry');
    const undone = (await undo(request, [entry])).changes[0];

    // Assess
    expect(out.changes).toEqual([
      {
        kind: 'topic-config',
        id: name,
        action: 'update',
        detail: 'max.message.bytes (default 1048588) -> 2000000, retention.ms 3600000 -> 7200000',
      },
    ]);
    expect(entry.previous).toEqual({ 'max.message.bytes': null, 'retention.ms': '3600000' });
    expect(afterEnsure).toEqual(changed);
    expect(undone).toMatchObject({ kind: 'topic-config', id: name, action: 'update' });
    const restored = { 'retention.ms': '3600000', 'cleanup.policy': 'compact' };
    expect(await eventually(async () => (await topicState(name, keys)).setOnTopic, restored)).toEqual(
      restored,
    );
  });

  it('leaves intents that undo finds in the registry when a later topic of the batch fails', async () => {
    // Prepare: the second topic's config is invalid, so its creation fails after the first was created.
    const good = topicName();
    const bad = topicName();
    const request = await requestWith(
      { name: good, partitions: 1 },
      { name: bad, partitions: 1, config: { 'cleanup.policy': 'not-a-policy' } },
    );

    // Act: the one CreateTopics makes the good topic and refuses the bad one; undo gets an empty ledger.
    const run = ensureTopics({ request, journal: journal() }, deps);
    await expect(run).rejects.toMatchObject({ name: 'KafkaOperationError' });
    const undone = await undo(request, []);

    // Assess
    expect(undone.changes).toEqual(expect.arrayContaining([{ kind: 'topic', id: good, action: 'delete' }]));
    expect(await listed([good, bad], [])).toEqual([]);
  });

  it('deletes a topic it created on undo', async () => {
    // Prepare
    const name = topicName();
    const request = await requestWith({ name, partitions: 1 });
    const out = await ensureTopics({ request, journal: journal() }, deps);
    const entry = out.ledger[0];
    if (entry?.kind !== 'topic') throw new Error('expected a topic ledger entry');

    // Act
    const first = (await undo(request, [entry])).changes;
    const second = (await undo(request, [entry])).changes;

    // Assess
    expect(first).toEqual([{ kind: 'topic', id: name, action: 'delete' }]);
    expect(second).toEqual([expect.objectContaining({ kind: 'topic', id: name, action: 'none' })]);
    expect(await listed([name], [])).toEqual([]);
  });
});

describe('existingTopics', () => {
  const topics: string[] = [];

  afterEach(async () => {
    await cleanUpKafka([], topics.splice(0));
  });

  it('asks the controller about unlisted topics without creating them', async () => {
    // Prepare
    const [present, missing] = [topicName(), topicName()];
    topics.push(present, missing);
    await asPlatformaticAdmin((admin) =>
      admin.createTopics({ topics: [present], partitions: 1, replicas: 1 }),
    );

    // Act: right after the create, the listing may not show `present` yet; the controller knows it.
    const found = await asPlatformaticAdmin((admin) => existingTopics(admin, [present, missing]));

    // Assess
    expect([...found]).toEqual([present]);
    expect(await listed([present, missing], [present])).toEqual([present]);
  });
});

describe('deleteTopics', () => {
  let deps: LocalDeps;
  const topics: string[] = [];

  beforeEach(() => {
    deps = localDeps();
  });

  afterEach(async () => {
    await cleanUpKafka([], topics.splice(0));
    deps.cleanUp();
  });

  it('deletes only the named topics when deleteTopics is true, and reports missing ones as none', async () => {
    // Prepare
    const [named, missing, other] = [topicName(), topicName(), topicName()];
    topics.push(named, other);
    const principal = userName();
    const setup = await localRequest({
      principal,
      topics: [
        { name: named, partitions: 1 },
        { name: other, partitions: 1 },
      ],
    });
    await ensureTopics({ request: setup, journal: journal() }, deps);
    const request = await localRequest({
      principal,
      deleteTopics: true,
      topics: [
        { name: named, partitions: 1 },
        { name: missing, partitions: 1 },
      ],
    });

    // Act
    const out = await deleteTopics({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes).toEqual([
      { kind: 'topic', id: named, action: 'delete' },
      { kind: 'topic', id: missing, action: 'none', detail: 'not found' },
    ]);
    expect(await listed([named, other], [other])).toEqual([other]);
  });

  it('keeps every topic when deleteTopics is not set', async () => {
    // Prepare
    const name = topicName();
    topics.push(name);
    const request = await localRequest({ principal: userName(), topics: [{ name, partitions: 1 }] });
    await ensureTopics({ request, journal: journal() }, deps);

    // Act
    const out = await deleteTopics({ request, journal: journal() }, deps);

    // Assess
    expect(out.changes).toEqual([{ kind: 'topic', id: name, action: 'none', detail: 'kept' }]);
    expect(await listed([name], [name])).toEqual([name]);
  });
});
