import { ListVpcConnectionsCommand } from '@aws-sdk/client-kafka';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Admin } from '@platformatic/kafka';
import { removeTriggers } from '../../../../tasks/offboarding/removeTriggers';
import { finishRuns, unfinishedRuns } from '../../../../tasks/onboarding/registry/finishRuns';
import { identityKey } from '../../../../tasks/onboarding/registry/fold';
import type { Registry } from '../../../../tasks/onboarding/registry/registry';
import { ensureEventSourceMappings } from '../../../../tasks/onboarding/triggers/ensureEventSourceMappings';
import type { TriggerDeps } from '../../../../tasks/onboarding/triggers/registryClaims';
import { triggerUndo } from '../../../../tasks/onboarding/triggers/undoRecordedTriggers';
import type { SecretStore } from '../../../../tasks/shared/secrets/store';
import { memoryRegistryAccess } from '../../../helpers/memoryRegistry';
import {
  CLUSTER_ARN,
  CONSUMER,
  emptyJournal,
  mockedDeps,
  PRIVATE_LINK,
  REQUEST,
} from '../privateAccess/fixtures';

const SECRET_ARN =
  'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_orders-consumer-AbCdEf';
const FUNCTION = 'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:orders-to-s3';
const CONSUMER_FUNCTION = `arn:aws-cn:lambda:cn-northwest-1:${CONSUMER}:function:orders-to-s3`;
const VPC_CONNECTION = `arn:aws-cn:kafka:cn-northwest-1:${CONSUMER}:vpc-connection/111122223333/orders/abc`;
const trigger = {
  functionArn: FUNCTION,
  source: 'msk' as const,
  topics: ['orders.events'],
  group: 'orders-lambda',
  batchSize: 100,
  batchingWindowSeconds: 5,
  startingPosition: 'LATEST' as const,
};
const request = { ...REQUEST, privateLink: undefined, triggers: [trigger] };
const MAPPING_ID = `${FUNCTION} <- ${CLUSTER_ARN} [orders.events]`;
const ours = { 'msk-flows:principal': 'orders-consumer', 'msk-flows:request-id': 'req-1' };
const mappingAt = (uuid: string, functionArn = FUNCTION, source = CLUSTER_ARN) => ({
  UUID: uuid,
  EventSourceMappingArn: `arn:aws-cn:lambda:cn-northwest-1:111122223333:event-source-mapping:${uuid}`,
  FunctionArn: functionArn,
  EventSourceArn: source,
  Topics: ['orders.events'],
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'orders-lambda' },
  State: 'Creating',
});

/** A registry whose `settle` crashes once: the step dies between its AWS call and recording `owned`. */
function crashingOnSettle(registry: Registry): Registry {
  return Object.assign(Object.create(registry) as Registry, {
    settle: async () => {
      throw new Error('Lambda timed out');
    },
  });
}

/** Finish Unfinished Runs from the registry alone (no Kafka-side kinds held: the admin is never used). */
const finishFromRegistry = (registry: Registry, deps: ReturnType<typeof mockedDeps>['deps']) =>
  registry
    .view()
    .then((view) =>
      finishRuns({} as Admin, registry, {} as SecretStore, unfinishedRuns(view), triggerUndo(deps)),
    );

function platformWorld() {
  const fixture = mockedDeps();
  const { access, log, registry } = memoryRegistryAccess();
  const deps: TriggerDeps = { ...fixture.deps, registry: access };
  fixture.mocks.secrets.on(DescribeSecretCommand).resolves({ ARN: SECRET_ARN });
  return { ...fixture, deps, log, registry };
}

describe('event source mappings in the ownership registry', () => {
  it('claims an intent by coordinates before CreateEventSourceMapping and records it owned with its UUID after', async () => {
    // Prepare
    const { deps, mocks, log } = platformWorld();
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    let statesAtCreate: string[] = [];
    mocks.lambda.on(CreateEventSourceMappingCommand).callsFake(() => {
      statesAtCreate = log.records().map((r) => `${r.record.kind} ${r.record.state}`);
      return { UUID: 'uuid-new' };
    });

    // Act
    const journal = await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(statesAtCreate).toEqual(['run intent', 'event-source-mapping intent']);
    const mappingRecords = log.records().filter((r) => r.record.kind === 'event-source-mapping');
    expect(mappingRecords.map((r) => [r.record.id, r.record.state, r.record.entry])).toEqual([
      [
        MAPPING_ID,
        'intent',
        {
          kind: 'event-source-mapping',
          uuid: '',
          functionArn: FUNCTION,
          source: CLUSTER_ARN,
          topics: ['orders.events'],
        },
      ],
      [MAPPING_ID, 'owned', { ...journal.ledger[0] }],
    ]);
    expect(journal.ledger).toEqual([
      {
        kind: 'event-source-mapping',
        uuid: 'uuid-new',
        functionArn: FUNCTION,
        source: CLUSTER_ARN,
        topics: ['orders.events'],
      },
    ]);
  });

  it('finishes a run that crashed between CreateEventSourceMapping and owned: the mapping is found by its coordinates and deleted through the consumer role', async () => {
    // Prepare: the trigger's function lives in the consumer account (reached through its role).
    const { deps, mocks, registry } = platformWorld();
    const consumerTrigger = { ...trigger, functionArn: CONSUMER_FUNCTION };
    const consumerRequest = { ...REQUEST, privateLink: PRIVATE_LINK, triggers: [consumerTrigger] };
    mocks.consumerSecrets.on(DescribeSecretCommand).resolves({ ARN: SECRET_ARN });
    mocks.consumerKafka.on(ListVpcConnectionsCommand).resolves({
      VpcConnections: [
        {
          VpcConnectionArn: VPC_CONNECTION,
          TargetClusterArn: CLUSTER_ARN,
          VpcId: PRIVATE_LINK.vpcId,
          Authentication: 'SASL_SCRAM',
          State: 'AVAILABLE',
        },
      ],
    });
    const created = { ...mappingAt('uuid-lost', CONSUMER_FUNCTION, VPC_CONNECTION) };
    let exists = false;
    mocks.consumerLambda
      .on(ListEventSourceMappingsCommand)
      .callsFake(() => ({ EventSourceMappings: exists ? [created] : [] }));
    mocks.consumerLambda.on(CreateEventSourceMappingCommand).callsFake(() => {
      exists = true;
      return { UUID: 'uuid-lost' };
    });
    mocks.consumerLambda.on(ListTagsCommand).resolves({ Tags: ours });
    const crashed = { ...deps, registry: memoryRegistryAccessOver(crashingOnSettle(registry)) };
    await expect(
      ensureEventSourceMappings({ request: consumerRequest, journal: emptyJournal() }, crashed),
    ).rejects.toThrow('Lambda timed out');
    mocks.sts.resetHistory();

    // Act: offboarding's Finish Unfinished Runs (or reconcile), with the registry alone.
    const outcome = await finishFromRegistry(registry, deps);

    // Assess
    expect(mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: PRIVATE_LINK.roleArn,
      ExternalId: PRIVATE_LINK.externalId,
    });
    expect(mocks.consumerLambda).toHaveReceivedCommandWith(ListEventSourceMappingsCommand, {
      FunctionName: CONSUMER_FUNCTION,
      EventSourceArn: VPC_CONNECTION,
    });
    expect(mocks.consumerLambda).toHaveReceivedCommandWith(ListTagsCommand, {
      Resource: created.EventSourceMappingArn,
    });
    expect(mocks.consumerLambda).toHaveReceivedCommandWith(DeleteEventSourceMappingCommand, {
      UUID: 'uuid-lost',
    });
    expect(mocks.lambda).toHaveReceivedCommandTimes(DeleteEventSourceMappingCommand, 0);
    expect(outcome.leftovers).toEqual([]);
    expect(outcome.finished).toHaveLength(1);
    const view = await registry.view();
    expect([...view.values()].filter((v) => v.owner)).toEqual([]);
  });

  it('leaves a foreign mapping at an uncertain claim’s coordinates untouched and still closes the run', async () => {
    // Prepare: the create failed outright; someone else's mapping sits at the same coordinates now.
    const { deps, mocks, registry } = platformWorld();
    let lists = 0;
    mocks.lambda.on(ListEventSourceMappingsCommand).callsFake(() => {
      lists += 1;
      return { EventSourceMappings: lists === 1 ? [] : [mappingAt('uuid-foreign')] };
    });
    mocks.lambda.on(CreateEventSourceMappingCommand).rejects(new Error('Rate exceeded'));
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: { team: 'payments' } });
    await expect(ensureEventSourceMappings({ request, journal: emptyJournal() }, deps)).rejects.toThrow();

    // Act
    const outcome = await finishFromRegistry(registry, deps);

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandTimes(DeleteEventSourceMappingCommand, 0);
    expect(outcome.changes).toEqual([
      {
        kind: 'event-source-mapping',
        id: MAPPING_ID,
        action: 'none',
        detail: 'not created by this request; kept',
      },
    ]);
    expect(outcome.leftovers).toEqual([]);
  });

  it('carries a mapping an earlier attempt created when the step is retried after a crash before owned', async () => {
    // Prepare
    const { deps, mocks, registry, log } = platformWorld();
    let exists = false;
    mocks.lambda
      .on(ListEventSourceMappingsCommand)
      .callsFake(() => ({ EventSourceMappings: exists ? [mappingAt('uuid-1')] : [] }));
    mocks.lambda.on(CreateEventSourceMappingCommand).callsFake(() => {
      exists = true;
      return { UUID: 'uuid-1' };
    });
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: ours });
    const crashed = { ...deps, registry: memoryRegistryAccessOver(crashingOnSettle(registry)) };
    await expect(ensureEventSourceMappings({ request, journal: emptyJournal() }, crashed)).rejects.toThrow();

    // Act: the state machine retries the step.
    const journal = await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandTimes(CreateEventSourceMappingCommand, 1);
    expect(journal.ledger).toEqual([
      {
        kind: 'event-source-mapping',
        uuid: 'uuid-1',
        functionArn: FUNCTION,
        source: CLUSTER_ARN,
        topics: ['orders.events'],
      },
    ]);
    expect(journal.changes[0]).toMatchObject({ action: 'create' });
    const last = log.records().at(-1)?.record;
    expect([last?.id, last?.state, last?.entry]).toEqual([MAPPING_ID, 'owned', journal.ledger[0]]);
  });

  it('offboarding removes a mapping the registry holds for the principal that the request no longer lists, and releases it', async () => {
    // Prepare: an earlier request created the mapping; the offboarding request lists no triggers.
    const { deps, mocks, registry } = platformWorld();
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    mocks.lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'uuid-1' });
    await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [mappingAt('uuid-1')] });
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: ours });

    // Act
    const journal = await removeTriggers(
      { request: { ...request, requestId: 'req-off', triggers: [] }, journal: emptyJournal() },
      deps,
    );

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandWith(DeleteEventSourceMappingCommand, { UUID: 'uuid-1' });
    expect(journal.changes).toEqual([
      { kind: 'event-source-mapping', id: MAPPING_ID, action: 'delete', detail: 'uuid-1' },
    ]);
    const view = await registry.view();
    expect(view.get(identityKey({ kind: 'event-source-mapping', id: MAPPING_ID }))?.owner).toBeUndefined();
  });
});

/** Registry access over a given registry (to hand a step a crashing one). */
function memoryRegistryAccessOver(registry: Registry) {
  return async <T>(_c: unknown, _o: string, fn: (r: Registry) => Promise<T>) => fn(registry);
}
