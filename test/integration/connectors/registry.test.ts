import { randomBytes } from 'node:crypto';
import { localConnectorDeps } from '../../../cli/local/connectorTasks';
import { ensureLocalStack, stopLocalStack } from '../../../scripts/local/index';
import { localPaths } from '../../../scripts/local/paths';
import { CDC_SERVICES } from '../../../scripts/local/services';
import { removeConnectors } from '../../../tasks/offboarding/removeConnectors';
import { ensureConnectors } from '../../../tasks/onboarding/connectors/ensureConnectors';
import { connectorIdentity } from '../../../tasks/onboarding/connectors/identity';
import type { KafkaConnectApi } from '../../../tasks/onboarding/connectors/kafkaConnect/restClient';
import { planConnectors } from '../../../tasks/onboarding/connectors/planConnectors';
import { registrySessionOver } from '../../../tasks/onboarding/connectors/registrySession';
import type { ConnectorDeps } from '../../../tasks/onboarding/connectors/types';
import { emptyJournal, type Journal } from '../../../tasks/onboarding/contracts';
import { mskCredentialsDeps } from '../../../tasks/onboarding/credentials/msk/clients';
import { createKafkaTaskDeps, type KafkaTaskDeps } from '../../../tasks/onboarding/kafka/clients';
import { ownerOf } from '../../../tasks/onboarding/registry/fold';
import { reconcile } from '../../../tasks/onboarding/registry/reconcile';
import { withAdminAndRegistry } from '../../../tasks/onboarding/registry/session';
import { type OnboardingRequest, parseOnboardingRequest } from '../../../tasks/onboarding/request';
import { secretNameFor } from '../../../tasks/onboarding/request/names';
import { undoChanges } from '../../../tasks/onboarding/undoChanges';
import { localKafka } from '../../helpers/localStack';

const CONNECT_URL = 'http://127.0.0.1:8083';

/** A request with one JDBC sink on the local Kafka Connect worker, every name random. */
async function sinkRequest(): Promise<{ request: OnboardingRequest; name: string; run: string }> {
  const { brokers } = await localKafka();
  const id = randomBytes(5).toString('hex');
  const name = `reg-sink-${id}`;
  const topic = `reg-topic-${id}`;
  const request = parseOnboardingRequest({
    requestId: `it-connreg-${id}`,
    cluster: { kind: 'self-managed', bootstrapServers: brokers },
    principal: `u-connreg-${id}`,
    topics: [],
    grants: [{ role: 'connector', connector: name, direction: 'sink', topic }],
    connectors: [
      {
        name,
        platform: 'kafka-connect',
        kind: 'sink',
        config: {
          'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
          'tasks.max': '1',
          topics: topic,
          // Never reached: these tests are about who owns the connector, not about its data.
          'connection.url': 'jdbc:postgresql://127.0.0.1:1/none',
          'connection.username': 'none',
          'primary.key.mode': 'none',
        },
      },
    ],
  });
  return { request, name, run: `${request.requestId}-run-${randomBytes(3).toString('hex')}` };
}

/**
 * The worker answers 500 (RebalanceNeededException) while it rebalances after a delete; the state machine
 * retries KafkaConnectUnavailableError, here the test does (a PUT of the same config is idempotent).
 */
function retrying(api: KafkaConnectApi): KafkaConnectApi {
  const retried = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if ((error as Error).name !== 'KafkaConnectUnavailableError' || attempt >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  return {
    url: api.url,
    getConfig: (name) => retried(() => api.getConfig(name)),
    putConfig: (name, config) => retried(() => api.putConfig(name, config)),
    status: (name) => retried(() => api.status(name)),
    delete: (name) => retried(() => api.delete(name)),
  };
}

describe('connectors in the ownership registry (local Kafka Connect)', () => {
  let started: string[] = [];
  let kafka: KafkaTaskDeps;
  let connectors: ConnectorDeps;
  const cleanUp: (() => Promise<unknown>)[] = [];
  const api = () => {
    const client = connectors.kafkaConnect();
    if (!client) throw new Error('the local stack has no Kafka Connect');
    return client;
  };

  /** The registry's holding of the connector `name` on the local worker. */
  async function holdingOf(request: OnboardingRequest, name: string) {
    const connection = await kafka.connect(request.cluster);
    const view = await withAdminAndRegistry(connection, 'test', (_admin, registry) => registry.view());
    return ownerOf(
      view,
      connectorIdentity({ kind: 'connector', platform: 'kafka-connect', connectUrl: api().url, name }),
    );
  }

  beforeAll(async () => {
    ({ startedServices: started } = await ensureLocalStack({
      services: CDC_SERVICES,
      log: (m) => process.stderr.write(`[local stack] ${m}\n`),
    }));
    const stackFile = localPaths().stackFile;
    kafka = createKafkaTaskDeps({ localStackFile: stackFile });
    const local = localConnectorDeps(stackFile, kafka.secrets);
    const worker = local.kafkaConnect();
    connectors = {
      ...local,
      kafkaConnect: () => (worker ? retrying(worker) : undefined),
      registrySession: registrySessionOver(kafka.connect),
    };
    expect(api().url).toBe(CONNECT_URL);
  }, 300_000);

  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step().catch(() => undefined);
  });

  afterAll(async () => {
    if (started.length > 0) await stopLocalStack({ services: started });
  });

  /** Connector deps whose Kafka Connect PUT succeeds and then the step dies (before the outcome and the ledger). */
  function dyingAfterPut(): ConnectorDeps {
    return {
      ...connectors,
      kafkaConnect: () => {
        const real = api();
        return {
          ...real,
          url: real.url,
          putConfig: async (n, config) => {
            await real.putConfig(n, config);
            throw new Error('injected: the step dies right after the PUT');
          },
        };
      },
    };
  }

  /** Gives the principal a (dummy) secret, as Upsert SCRAM User would, so the worker's secret file is written. */
  async function withSecret(request: OnboardingRequest): Promise<void> {
    const secretName = secretNameFor(request.principal);
    await kafka.secrets.put(
      secretName,
      JSON.stringify({ username: request.principal, password: 'x'.repeat(24) }),
    );
    cleanUp.push(() => kafka.secrets.delete(secretName, { immediately: true }));
  }

  it('records a connector Ensure Connectors creates as owned by the run, and Undo Changes deletes and releases it', async () => {
    // Prepare
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    cleanUp.push(() => api().delete(name));
    const journal: Journal = { ...emptyJournal(), run };

    // Act
    const after = await ensureConnectors({ request, journal }, connectors);
    const held = await holdingOf(request, name);
    const undone = await undoChanges(
      { request, ledger: after.ledger, run },
      { kafka, msk: mskCredentialsDeps, connectors },
    );

    // Assess
    expect(after.ledger).toEqual([
      { kind: 'connector', platform: 'kafka-connect', connectUrl: CONNECT_URL, name },
    ]);
    expect(held?.principal).toBe(request.principal);
    expect(held?.record).toMatchObject({ state: 'owned', origin: 'created', run });
    expect(undone.changes).toContainEqual({
      kind: 'connector',
      id: `${name} (kafka-connect)`,
      action: 'delete',
    });
    expect(await api().getConfig(name)).toBeUndefined();
    expect(await holdingOf(request, name)).toBeUndefined();
  }, 120_000);

  it('undoes a connector whose creation a failure cut off before the ledger had it (the registry intent is checked)', async () => {
    // Prepare: the PUT succeeds, then the step fails before it records the outcome or returns its ledger.
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    cleanUp.push(() => api().delete(name));
    const failing = dyingAfterPut();

    // Act
    const ensuring = ensureConnectors({ request, journal: { ...emptyJournal(), run } }, failing);
    await expect(ensuring).rejects.toThrow('injected');
    const createdBeforeUndo = await api().getConfig(name);
    const heldBeforeUndo = await holdingOf(request, name);
    const undone = await undoChanges(
      { request, ledger: [], run },
      { kafka, msk: mskCredentialsDeps, connectors },
    );

    // Assess
    expect(createdBeforeUndo?.['connector.class']).toBe('io.debezium.connector.jdbc.JdbcSinkConnector');
    expect(heldBeforeUndo?.record).toMatchObject({ state: 'intent', run });
    expect(undone.changes).toContainEqual({
      kind: 'connector',
      id: `${name} (kafka-connect)`,
      action: 'delete',
    });
    expect(await api().getConfig(name)).toBeUndefined();
    expect(await holdingOf(request, name)).toBeUndefined();
  }, 120_000);

  it('refuses to change a same-named connector that is not in the registry, in Plan Changes and in Ensure Connectors, and leaves it as it was', async () => {
    // Prepare: someone else's connector of that name, with another configuration.
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    const foreign = { ...(request.connectors?.[0]?.config ?? {}), name, 'tasks.max': '2' };
    await api().putConfig(name, foreign);
    cleanUp.push(() => api().delete(name));

    // Act
    const planning = await planConnectors(request, connectors).catch((error: Error) => error);
    const ensuring = await ensureConnectors(
      { request, journal: { ...emptyJournal(), run } },
      connectors,
    ).catch((error: Error) => error);
    const undone = await undoChanges(
      { request, ledger: [], run },
      { kafka, msk: mskCredentialsDeps, connectors },
    );

    // Assess
    expect(planning).toMatchObject({ name: 'ConnectorOwnershipError' });
    expect(ensuring).toMatchObject({ name: 'ConnectorOwnershipError' });
    expect((ensuring as Error).message).toContain('is not in the ownership registry');
    expect(undone.changes.filter((c) => c.kind === 'connector')).toEqual([]);
    expect(await api().getConfig(name)).toEqual(foreign);
    expect(await holdingOf(request, name)).toBeUndefined();
  }, 120_000);

  it('reconcile finishes a crashed run that left a connector: deletes it, releases it and closes the run', async () => {
    // Prepare: the step dies after the PUT and no Undo Changes ever runs (the execution itself was lost).
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    cleanUp.push(() => api().delete(name));
    await ensureConnectors({ request, journal: { ...emptyJournal(), run } }, dyingAfterPut()).catch(
      () => undefined,
    );
    const createdBefore = await api().getConfig(name);

    // Act
    const report = await reconcile(
      request.cluster,
      { requestId: request.requestId },
      { ...kafka, connectors },
    );

    // Assess
    expect(createdBefore).toBeDefined();
    expect(report.runs.map((r) => r.run)).toEqual([run]);
    expect(report.finished).toEqual([run]);
    expect(report.changes).toContainEqual({
      kind: 'connector',
      id: `${name} (kafka-connect)`,
      action: 'delete',
    });
    expect(report.leftovers).toEqual([]);
    expect(await api().getConfig(name)).toBeUndefined();
    expect(await holdingOf(request, name)).toBeUndefined();
  }, 120_000);

  it('without connector access, finishing such a run leaves it open and names the connector', async () => {
    // Prepare
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    cleanUp.push(() => api().delete(name));
    await ensureConnectors({ request, journal: { ...emptyJournal(), run } }, dyingAfterPut()).catch(
      () => undefined,
    );
    cleanUp.push(() =>
      reconcile(request.cluster, { requestId: request.requestId }, { ...kafka, connectors }),
    );

    // Act
    const report = await reconcile(request.cluster, { requestId: request.requestId }, kafka);

    // Assess
    expect(report.finished).toEqual([]);
    expect(report.leftovers.map((l) => [l.kind, l.run])).toEqual([['connector', run]]);
    expect(await api().getConfig(name)).toBeDefined();
    expect((await holdingOf(request, name))?.record).toMatchObject({ state: 'intent', run });
  }, 120_000);

  it('lets a later run of the owner change the connector, and offboarding deletes it and releases it', async () => {
    // Prepare: created by one run; a later request of the same principal asks for another configuration.
    const { request, name, run } = await sinkRequest();
    await withSecret(request);
    cleanUp.push(() => api().delete(name));
    await ensureConnectors({ request, journal: { ...emptyJournal(), run } }, connectors);
    const [spec] = request.connectors ?? [];
    const changed = {
      ...request,
      requestId: `${request.requestId}-2`,
      connectors: spec ? [{ ...spec, config: { ...spec.config, 'tasks.max': '2' } }] : [],
    };

    // Act
    const planned = await planConnectors(changed, connectors);
    const updated = await ensureConnectors(
      { request: changed, journal: { ...emptyJournal(), run: `${run}-2` } },
      connectors,
    );
    const storedAfterUpdate = await api().getConfig(name);
    const offboarded = await removeConnectors(
      { request: changed, journal: { ...emptyJournal(), run: `${run}-off` } },
      connectors,
    );

    // Assess
    expect(planned).toEqual([
      { kind: 'connector', id: `${name} (kafka-connect)`, action: 'update', detail: 'tasks.max' },
    ]);
    expect(updated.changes.map((c) => c.action)).toEqual(['update']);
    expect(storedAfterUpdate?.['tasks.max']).toBe('2');
    expect(offboarded.changes).toEqual([
      { kind: 'connector', id: `${name} (kafka-connect)`, action: 'delete' },
    ]);
    expect(await api().getConfig(name)).toBeUndefined();
    expect(await holdingOf(request, name)).toBeUndefined();
  }, 120_000);

  it("refuses another principal's connector of that name, and offboarding that principal leaves it alone", async () => {
    // Prepare: alice's connector; bob asks for the same name.
    const { request: alice, name, run } = await sinkRequest();
    await withSecret(alice);
    cleanUp.push(() => api().delete(name));
    await ensureConnectors({ request: alice, journal: { ...emptyJournal(), run } }, connectors);
    const stored = await api().getConfig(name);
    const bob = { ...alice, principal: `${alice.principal}-bob`, requestId: `${alice.requestId}-bob` };
    await withSecret(bob);

    // Act
    const ensuring = await ensureConnectors(
      { request: bob, journal: { ...emptyJournal(), run: `${run}-bob` } },
      connectors,
    ).catch((error: Error) => error);
    const offboarded = await removeConnectors(
      { request: bob, journal: { ...emptyJournal(), run: `${run}-bob-off` } },
      connectors,
    );

    // Assess
    expect(ensuring).toMatchObject({ name: 'ConnectorOwnershipError' });
    expect((ensuring as Error).message).toContain('is owned by another principal');
    expect(offboarded.changes).toEqual([
      {
        kind: 'connector',
        id: `${name} (kafka-connect)`,
        action: 'none',
        detail: 'left alone: another principal owns it',
      },
    ]);
    expect(await api().getConfig(name)).toEqual(stored);
    expect((await holdingOf(alice, name))?.principal).toBe(alice.principal);
    cleanUp.push(() =>
      removeConnectors({ request: alice, journal: { ...emptyJournal(), run: `${run}-off` } }, connectors),
    );
  }, 120_000);
});
