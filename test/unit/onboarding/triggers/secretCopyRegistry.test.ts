import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Admin } from '@platformatic/kafka';
import { removeTriggers } from '../../../../tasks/offboarding/removeTriggers';
import { finishRuns, unfinishedRuns } from '../../../../tasks/onboarding/registry/finishRuns';
import type { Registry } from '../../../../tasks/onboarding/registry/registry';
import { copyTriggerSecret } from '../../../../tasks/onboarding/triggers/copyTriggerSecret';
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

const SOURCE_ARN =
  'arn:aws-cn:secretsmanager:cn-northwest-1:111122223333:secret:AmazonMSK_orders-consumer-AbCdEf';
const COPY_NAME = 'msk-flows/scram/orders-consumer';
const COPY_ARN = `arn:aws-cn:secretsmanager:cn-northwest-1:${CONSUMER}:secret:${COPY_NAME}-XyZ123`;
const COPY_ID = `${CONSUMER}/${COPY_NAME}`;
const PASSWORD_JSON = JSON.stringify({ username: 'orders-consumer', password: 'pw-never-shown' });
const consumerRequest = {
  ...REQUEST,
  triggers: [
    {
      functionArn: `arn:aws-cn:lambda:cn-northwest-1:${CONSUMER}:function:f`,
      source: 'msk' as const,
      topics: ['orders.events'],
      group: 'orders-lambda',
      batchSize: 100,
      batchingWindowSeconds: 5,
      startingPosition: 'LATEST' as const,
    },
  ],
};
const CONSUMER_ROLE = {
  clusterArn: CLUSTER_ARN,
  roleArn: PRIVATE_LINK.roleArn,
  externalId: PRIVATE_LINK.externalId,
};
const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });

function world() {
  const fixture = mockedDeps();
  const { access, log, registry } = memoryRegistryAccess();
  const deps: TriggerDeps = { ...fixture.deps, registry: access };
  fixture.mocks.secrets.on(GetSecretValueCommand).resolves({ ARN: SOURCE_ARN, SecretString: PASSWORD_JSON });
  fixture.mocks.consumerSecrets.on(GetSecretValueCommand).rejects(notFound());
  return { ...fixture, deps, log, registry };
}

/** A registry whose `settle` crashes: the step dies between CreateSecret and recording `owned`. */
function crashingOnSettle(registry: Registry): Registry {
  return Object.assign(Object.create(registry) as Registry, {
    settle: async () => {
      throw new Error('Lambda timed out');
    },
  });
}

const finishFromRegistry = async (registry: Registry, deps: TriggerDeps) =>
  finishRuns(
    {} as Admin,
    registry,
    {} as SecretStore,
    unfinishedRuns(await registry.view()),
    triggerUndo(deps),
  );

describe('the trigger secret copy in the ownership registry', () => {
  it('claims an intent by account and name before CreateSecret and records it owned with its ARN after, never the password', async () => {
    // Prepare
    const { deps, mocks, log } = world();
    let statesAtCreate: string[] = [];
    mocks.consumerSecrets.on(CreateSecretCommand).callsFake(() => {
      statesAtCreate = log.records().map((r) => `${r.record.kind} ${r.record.state}`);
      return { ARN: COPY_ARN, VersionId: 'v-1' };
    });

    // Act
    const journal = await copyTriggerSecret({ request: consumerRequest, journal: emptyJournal() }, deps);

    // Assess
    expect(statesAtCreate).toEqual(['run intent', 'secret-copy intent']);
    const copyRecords = log.records().filter((r) => r.record.kind === 'secret-copy');
    const entry = {
      kind: 'secret-copy',
      consumerAccountId: CONSUMER,
      secretArn: COPY_ARN,
      secretName: COPY_NAME,
      versionId: 'v-1',
      consumer: CONSUMER_ROLE,
    };
    expect(copyRecords.map((r) => [r.record.id, r.record.state, r.record.entry])).toEqual([
      [COPY_ID, 'intent', { ...entry, secretArn: '', versionId: '' }],
      [COPY_ID, 'owned', entry],
    ]);
    expect(journal.ledger).toEqual([entry]);
    expect(JSON.stringify(log.records().map((r) => r.record))).not.toContain('pw-never-shown');
  });

  it('finishes a run that crashed between CreateSecret and owned: the copy is found by name, checked by its tags and deleted at once', async () => {
    // Prepare
    const { deps, mocks, registry } = world();
    mocks.consumerSecrets.on(CreateSecretCommand).resolves({ ARN: COPY_ARN, VersionId: 'v-1' });
    const crashed = {
      ...deps,
      registry: async <T>(_c: unknown, _o: string, fn: (r: Registry) => Promise<T>) =>
        fn(crashingOnSettle(registry)),
    };
    await expect(
      copyTriggerSecret({ request: consumerRequest, journal: emptyJournal() }, crashed),
    ).rejects.toThrow('Lambda timed out');
    mocks.sts.resetHistory();
    mocks.consumerSecrets.on(DescribeSecretCommand).resolves({
      ARN: COPY_ARN,
      Tags: [
        { Key: 'msk-flows:principal', Value: 'orders-consumer' },
        { Key: 'msk-flows:request-id', Value: 'req-1' },
      ],
    });

    // Act
    const outcome = await finishFromRegistry(registry, deps);

    // Assess
    expect(mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: PRIVATE_LINK.roleArn,
      ExternalId: PRIVATE_LINK.externalId,
    });
    expect(mocks.consumerSecrets).toHaveReceivedCommandWith(DescribeSecretCommand, { SecretId: COPY_NAME });
    expect(mocks.consumerSecrets).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: COPY_ARN,
      ForceDeleteWithoutRecovery: true,
    });
    expect(mocks.secrets).toHaveReceivedCommandTimes(DeleteSecretCommand, 0);
    expect(outcome).toMatchObject({ leftovers: [], finished: [expect.any(String)] });
  });

  it('leaves a copy another request made at an uncertain claim’s name alone', async () => {
    // Prepare: CreateSecret failed outright; a copy made by another request of the principal is there now.
    const { deps, mocks, registry } = world();
    mocks.consumerSecrets.on(CreateSecretCommand).rejects(new Error('Rate exceeded'));
    await expect(
      copyTriggerSecret({ request: consumerRequest, journal: emptyJournal() }, deps),
    ).rejects.toThrow();
    mocks.consumerSecrets.on(DescribeSecretCommand).resolves({
      ARN: COPY_ARN,
      Tags: [
        { Key: 'msk-flows:principal', Value: 'orders-consumer' },
        { Key: 'msk-flows:request-id', Value: 'req-0' },
      ],
    });

    // Act
    const outcome = await finishFromRegistry(registry, deps);

    // Assess
    expect(mocks.consumerSecrets).toHaveReceivedCommandTimes(DeleteSecretCommand, 0);
    expect(outcome.changes).toEqual([
      { kind: 'secret-copy', id: COPY_ID, action: 'none', detail: 'not created by this request; kept' },
    ]);
  });

  it('offboarding removes the copy the registry holds for the principal even when the request lists no trigger, and releases it', async () => {
    // Prepare
    const { deps, mocks, registry } = world();
    mocks.consumerSecrets.on(CreateSecretCommand).resolves({ ARN: COPY_ARN, VersionId: 'v-1' });
    await copyTriggerSecret({ request: consumerRequest, journal: emptyJournal() }, deps);
    mocks.consumerSecrets.on(DescribeSecretCommand).resolves({
      ARN: COPY_ARN,
      Tags: [{ Key: 'msk-flows:principal', Value: 'orders-consumer' }],
    });

    // Act
    const journal = await removeTriggers(
      { request: { ...REQUEST, requestId: 'req-off', triggers: [] }, journal: emptyJournal() },
      deps,
    );

    // Assess
    expect(mocks.consumerSecrets).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: COPY_NAME,
      ForceDeleteWithoutRecovery: true,
    });
    expect(journal.changes).toEqual([{ kind: 'secret-copy', id: COPY_ID, action: 'delete' }]);
    const held = [...(await registry.view()).values()].filter((v) => v.identity.kind === 'secret-copy');
    expect(held.map((v) => v.owner)).toEqual([undefined]);
  });
});
