import {
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { copyTriggerSecret } from '../../../../tasks/onboarding/triggers/copyTriggerSecret';
import { describeEventSourceMappings } from '../../../../tasks/onboarding/triggers/describeEventSourceMappings';
import { ensureEventSourceMappings } from '../../../../tasks/onboarding/triggers/ensureEventSourceMappings';
import { CLUSTER_ARN, emptyJournal, mockedDeps, REQUEST } from '../privateAccess/fixtures';

const SECRET_ARN =
  'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_orders-consumer-AbCdEf';
const FUNCTION = 'arn:aws-cn:lambda:cn-northwest-1:111122223333:function:orders-to-s3';
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
const existing = {
  UUID: 'uuid-1',
  FunctionArn: FUNCTION,
  EventSourceArn: CLUSTER_ARN,
  Topics: ['orders.events'],
  BatchSize: 100,
  MaximumBatchingWindowInSeconds: 5,
  FunctionResponseTypes: ['ReportBatchItemFailures' as const],
  SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH' as const, URI: SECRET_ARN }],
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'orders-lambda' },
  State: 'Enabled',
};

function depsWithSecret() {
  const fixture = mockedDeps();
  fixture.mocks.secrets.on(DescribeSecretCommand).resolves({ ARN: SECRET_ARN });
  return fixture;
}

describe('ensureEventSourceMappings', () => {
  it('creates an MSK trigger in the cluster account with the principal secret, group and every setting', async () => {
    // Prepare
    const { deps, mocks } = depsWithSecret();
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    mocks.lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'uuid-new' });

    // Act
    const journal = await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandWith(ListEventSourceMappingsCommand, {
      FunctionName: FUNCTION,
      EventSourceArn: CLUSTER_ARN,
    });
    expect(mocks.lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input).toEqual({
      FunctionName: FUNCTION,
      EventSourceArn: CLUSTER_ARN,
      Topics: ['orders.events'],
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      SourceAccessConfigurations: [{ Type: 'SASL_SCRAM_512_AUTH', URI: SECRET_ARN }],
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'orders-lambda' },
      Tags: { 'msk-flows:principal': 'orders-consumer', 'msk-flows:request-id': 'req-1' },
    });
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

  it('changes nothing for an existing equal mapping', async () => {
    // Prepare
    const { deps, mocks } = depsWithSecret();
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [existing] });

    // Act
    const journal = await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandTimes(CreateEventSourceMappingCommand, 0);
    expect(mocks.lambda).toHaveReceivedCommandTimes(UpdateEventSourceMappingCommand, 0);
    expect(journal).toEqual({
      ledger: [],
      changes: [{ kind: 'event-source-mapping', id: `${FUNCTION} <- orders.events`, action: 'none' }],
    });
  });

  it('updates changed settings and journals the previous ones for compensation', async () => {
    // Prepare
    const { deps, mocks } = depsWithSecret();
    mocks.lambda
      .on(ListEventSourceMappingsCommand)
      .resolves({ EventSourceMappings: [{ ...existing, BatchSize: 10 }] });

    // Act
    const journal = await ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.lambda).toHaveReceivedCommandWith(UpdateEventSourceMappingCommand, {
      UUID: 'uuid-1',
      BatchSize: 100,
    });
    expect(journal.ledger).toEqual([
      {
        kind: 'event-source-mapping',
        uuid: 'uuid-1',
        functionArn: FUNCTION,
        source: CLUSTER_ARN,
        topics: ['orders.events'],
        previous: { batchSize: 10, batchingWindowSeconds: 5 },
      },
    ]);
    expect(journal.changes[0]).toMatchObject({ action: 'update', detail: 'batchSize 10 -> 100' });
  });

  it('refuses another consumer group on an existing mapping: group ids are immutable', async () => {
    // Prepare
    const { deps, mocks } = depsWithSecret();
    mocks.lambda.on(ListEventSourceMappingsCommand).resolves({
      EventSourceMappings: [
        { ...existing, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'legacy' } },
      ],
    });

    // Act
    const act = ensureEventSourceMappings({ request, journal: emptyJournal() }, deps);

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'ConsumerGroupImmutableError', retriable: false });
  });
});

describe('describeEventSourceMappings', () => {
  it('waits while a mapping is Creating and surfaces StateTransitionReason when it settles Disabled', async () => {
    // Prepare
    const { deps, mocks } = depsWithSecret();
    mocks.lambda
      .on(ListEventSourceMappingsCommand)
      .resolvesOnce({ EventSourceMappings: [{ ...existing, State: 'Creating' }] })
      .resolves({
        EventSourceMappings: [
          {
            ...existing,
            State: 'Disabled',
            StateTransitionReason: 'PROBLEM: SASL authentication failed',
            LastProcessingResult: 'PROBLEM: Connection error',
          },
        ],
      });

    // Act
    const first = await describeEventSourceMappings({ request }, deps);
    const second = describeEventSourceMappings({ request, triggers: first }, deps);

    // Assess
    expect(first).toEqual({ enabled: false, states: ['Creating'], attempt: 1, waitSeconds: 10 });
    await expect(second).rejects.toMatchObject({
      name: 'EventSourceMappingFailedError',
      stateTransitionReason: 'PROBLEM: SASL authentication failed',
    });
    await expect(second).rejects.toThrow(/last processing result: PROBLEM: Connection error/);
    expect(mocks.lambda).toHaveReceivedCommandTimes(GetEventSourceMappingCommand, 0);
  });
});

describe('copyTriggerSecret', () => {
  const consumerTrigger = {
    ...trigger,
    functionArn: 'arn:aws-cn:lambda:cn-northwest-1:444455556666:function:f',
  };
  const consumerRequest = { ...REQUEST, triggers: [consumerTrigger] };
  const value = JSON.stringify({ username: 'orders-consumer', password: 'pw-never-shown' });

  it('updates a stale copy with PutSecretValue and journals the version it replaced, never returning the value', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();
    mocks.secrets.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: value });
    mocks.consumerSecrets
      .on(GetSecretValueCommand)
      .resolves({ ARN: 'copy-arn', SecretString: '{"username":"orders-consumer","password":"old"}' });
    mocks.consumerSecrets.on(DescribeSecretCommand).resolves({
      ARN: 'copy-arn',
      Tags: [{ Key: 'msk-flows:principal', Value: 'orders-consumer' }],
      VersionIdsToStages: { 'v-old': ['AWSCURRENT'], 'v-older': ['AWSPREVIOUS'] },
    });
    mocks.consumerSecrets.on(PutSecretValueCommand).resolves({ VersionId: 'v-new' });

    // Act
    const journal = await copyTriggerSecret({ request: consumerRequest, journal: emptyJournal() }, deps);

    // Assess
    expect(mocks.consumerSecrets).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: 'msk-flows/scram/orders-consumer',
      SecretString: value,
    });
    expect(journal.ledger).toEqual([
      {
        kind: 'secret-copy',
        consumerAccountId: '444455556666',
        secretArn: 'copy-arn',
        secretName: 'msk-flows/scram/orders-consumer',
        versionId: 'v-new',
        previousVersionId: 'v-old',
        consumer: {
          clusterArn: CLUSTER_ARN,
          roleArn: REQUEST.privateLink.roleArn,
          externalId: REQUEST.privateLink.externalId,
        },
      },
    ]);
    expect(JSON.stringify(journal)).not.toContain('pw-never-shown');
  });

  it('does nothing when no trigger lives in the consumer account', async () => {
    // Prepare
    const { deps, mocks } = mockedDeps();

    // Act
    const journal = await copyTriggerSecret(
      { request: { ...REQUEST, triggers: [trigger] }, journal: emptyJournal() },
      deps,
    );

    // Assess
    expect(journal).toEqual(emptyJournal());
    expect(mocks.secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);
  });
});
