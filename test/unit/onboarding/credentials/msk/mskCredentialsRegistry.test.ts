import {
  BatchAssociateScramSecretCommand,
  BatchDisassociateScramSecretCommand,
  KafkaClient,
  ListScramSecretsCommand,
} from '@aws-sdk/client-kafka';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { Admin } from '@platformatic/kafka';
import { mockClient } from 'aws-sdk-client-mock';
import type { Journal, LedgerEntry } from '../../../../../tasks/onboarding/contracts';
import { associateScramSecret } from '../../../../../tasks/onboarding/credentials/msk/associateScramSecret';
import { ensureScramSecret } from '../../../../../tasks/onboarding/credentials/msk/ensureScramSecret';
import { removeMskCredentials } from '../../../../../tasks/onboarding/credentials/msk/removeMskCredentials';
import {
  mskCredentialUndo,
  undoUncertainSecret,
} from '../../../../../tasks/onboarding/credentials/msk/undoMskCredentials';
import { finishRuns, unfinishedRuns } from '../../../../../tasks/onboarding/registry/finishRuns';
import { ownerOf } from '../../../../../tasks/onboarding/registry/fold';
import type { Registry } from '../../../../../tasks/onboarding/registry/registry';
import { claimForRun, runContextOf } from '../../../../../tasks/onboarding/registry/runContext';
import type { SecretStore } from '../../../../../tasks/shared/secrets/store';
import { awsError, CN, depsFor, PASSWORD, PRINCIPAL, requestFor, SECRET_NAME } from './fixtures';

const kafka = mockClient(KafkaClient);
const secretsManager = mockClient(SecretsManagerClient);

const REQUEST_ID = 'orders-analytics-001';
const OURS = [
  { Key: 'msk-flows:requestId', Value: REQUEST_ID },
  { Key: 'msk-flows:principal', Value: PRINCIPAL },
];
const secretId = { kind: 'secret', id: SECRET_NAME };
const associationId = { kind: 'scram-association', id: `${CN.secretArn} -> ${CN.clusterArn}` };
const journalOf = (run: string, ledger: LedgerEntry[] = []): Journal => ({ ledger, changes: [], run });
const uncertain: LedgerEntry = { kind: 'secret', secretArn: '', secretName: SECRET_NAME };
const association: LedgerEntry = {
  kind: 'scram-association',
  clusterArn: CN.clusterArn,
  secretArn: CN.secretArn,
};

/** `kind:state` of every record written, run records left out. */
const written = (log: ReturnType<typeof depsFor>['log']): string[] =>
  log
    .records()
    .filter(({ record }) => record.kind !== 'run')
    .map(({ record }) => `${record.kind}:${record.state}`);

/** What an earlier run (`run`) of the same request left claimed: `entries` as intents. */
async function claimedBy(
  registry: Registry,
  run: string,
  entries: { kind: string; id: string; entry: LedgerEntry }[],
) {
  const ctx = runContextOf(requestFor(CN), { run });
  await claimForRun(
    registry,
    ctx,
    entries.map((e) => ({ ...e, origin: 'created' as const })),
  );
}

function secretPresent(tags = OURS, extra: Record<string, unknown> = {}): void {
  secretsManager
    .on(DescribeSecretCommand)
    .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn, Tags: tags, ...extra });
  secretsManager
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify({ username: PRINCIPAL, password: PASSWORD }) });
}

afterEach(() => {
  kafka.reset();
  secretsManager.reset();
});

describe('ensureScramSecret in the ownership registry', () => {
  it('claims the secret as an intent before CreateSecret and records it owned with its ARN after', async () => {
    // Prepare
    const { deps, log, registry } = depsFor(CN);
    let atCreate: string[] = [];
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsManager.on(CreateSecretCommand).callsFake(async () => {
      atCreate = written(log);
      return { ARN: CN.secretArn, Name: SECRET_NAME };
    });

    // Act
    await ensureScramSecret({ request: requestFor(CN), journal: journalOf('run-1') }, deps);

    // Assess
    expect(atCreate).toEqual(['secret:intent']);
    expect(written(log)).toEqual(['secret:intent', 'secret:owned']);
    const owner = ownerOf(await registry.view(), secretId);
    expect(owner?.record).toMatchObject({
      state: 'owned',
      run: 'run-1',
      owner: { principal: PRINCIPAL, requestId: REQUEST_ID },
      entry: { kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME },
    });
    expect(JSON.stringify(log.records().map(({ record }) => record))).not.toContain(PASSWORD);
  });

  it('leaves the intent, without an ARN, when CreateSecret fails (undo looks the secret up by name)', async () => {
    // Prepare
    const { deps, log, registry } = depsFor(CN);
    secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsManager.on(CreateSecretCommand).rejects(awsError('InternalServiceError', 'server'));

    // Act
    const error = await ensureScramSecret(
      { request: requestFor(CN), journal: journalOf('run-1') },
      deps,
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'AwsThrottledError' });
    expect(written(log)).toEqual(['secret:intent']);
    expect(ownerOf(await registry.view(), secretId)?.record.entry).toEqual(uncertain);
  });

  it('carries a secret an unfinished run of the same request created: journaled, owned by this run', async () => {
    // Prepare
    const { deps, registry } = depsFor(CN);
    await claimedBy(registry, 'run-crashed', [{ ...secretId, entry: uncertain }]);
    secretPresent([...OURS, { Key: 'msk-flows:execution', Value: 'crashed-execution' }]);

    // Act
    const journal = await ensureScramSecret(
      { request: requestFor(CN), journal: journalOf('run-2'), executionName: 'rerun' },
      deps,
    );

    // Assess
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
    expect(journal.ledger).toEqual([{ kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME }]);
    expect(journal.changes).toEqual([
      {
        kind: 'secret',
        id: SECRET_NAME,
        action: 'create',
        detail: 'made by an unfinished run of this request',
      },
    ]);
    expect(ownerOf(await registry.view(), secretId)?.record).toMatchObject({
      state: 'owned',
      run: 'run-2',
      entry: { kind: 'secret', secretArn: CN.secretArn },
    });
  });

  it('records nothing for an existing secret no run of this request made', async () => {
    // Prepare
    const { deps, log } = depsFor(CN);
    secretPresent();

    // Act
    const journal = await ensureScramSecret({ request: requestFor(CN), journal: journalOf('run-1') }, deps);

    // Assess
    expect(journal.ledger).toEqual([]);
    expect(journal.changes).toEqual([expect.objectContaining({ kind: 'secret', action: 'none' })]);
    expect(log.records()).toEqual([]);
  });

  it('claims a restore as an intent before RestoreSecret and records it owned after', async () => {
    // Prepare
    const { deps, log, registry } = depsFor(CN);
    let atRestore: string[] = [];
    secretPresent(OURS, { DeletedDate: new Date('2030-01-08T00:00:00Z') });
    secretsManager.on(RestoreSecretCommand).callsFake(async () => {
      atRestore = written(log);
      return { ARN: CN.secretArn };
    });
    secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsManager.on(PutSecretValueCommand).resolves({ ARN: CN.secretArn });

    // Act
    await ensureScramSecret({ request: requestFor(CN), journal: journalOf('run-1') }, deps);

    // Assess
    expect(atRestore).toEqual(['secret:intent']);
    expect(ownerOf(await registry.view(), secretId)?.record).toMatchObject({
      state: 'owned',
      entry: { kind: 'secret-restore', secretArn: CN.secretArn, secretName: SECRET_NAME },
    });
  });
});

describe('associateScramSecret in the ownership registry', () => {
  const created = (run: string) =>
    journalOf(run, [{ kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME }]);

  it('claims the association as an intent before BatchAssociateScramSecret and records it owned after', async () => {
    // Prepare
    const { deps, log } = depsFor(CN);
    let atAssociate: string[] = [];
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).callsFake(async () => {
      atAssociate = written(log);
      return { ClusterArn: CN.clusterArn, UnprocessedScramSecrets: [] };
    });

    // Act
    await associateScramSecret({ request: requestFor(CN), journal: created('run-1') }, deps);

    // Assess
    expect(atAssociate).toEqual(['scram-association:intent']);
    expect(written(log)).toEqual(['scram-association:intent', 'scram-association:owned']);
  });

  it('releases the claim when MSK refuses the secret (nothing was associated)', async () => {
    // Prepare
    const { deps, log, registry } = depsFor(CN);
    secretPresent();
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [] });
    kafka.on(BatchAssociateScramSecretCommand).resolves({
      ClusterArn: CN.clusterArn,
      UnprocessedScramSecrets: [
        { SecretArn: CN.secretArn, ErrorCode: 'ValidationException', ErrorMessage: 'no' },
      ],
    });

    // Act
    const error = await associateScramSecret(
      { request: requestFor(CN), journal: journalOf('run-1') },
      deps,
    ).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretAssociationError' });
    expect(written(log)).toEqual(['scram-association:intent', 'scram-association:released']);
    expect(ownerOf(await registry.view(), associationId)).toBeUndefined();
  });

  it('carries an association an unfinished run of the same request made, sending no association', async () => {
    // Prepare
    const { deps, registry } = depsFor(CN);
    await claimedBy(registry, 'run-crashed', [{ ...associationId, entry: association }]);
    secretPresent();
    kafka.on(ListScramSecretsCommand).resolves({ SecretArnList: [CN.secretArn] });

    // Act
    const journal = await associateScramSecret(
      { request: requestFor(CN), journal: journalOf('run-2') },
      deps,
    );

    // Assess
    expect(kafka).not.toHaveReceivedCommand(BatchAssociateScramSecretCommand);
    expect(journal.ledger).toEqual([association]);
    expect(journal.changes).toEqual([
      expect.objectContaining({
        kind: 'scram-association',
        action: 'create',
        detail: 'made by an unfinished run of this request',
      }),
    ]);
    expect(ownerOf(await registry.view(), associationId)?.record).toMatchObject({
      state: 'owned',
      run: 'run-2',
    });
  });
});

describe('undoUncertainSecret', () => {
  const owner = { principal: PRINCIPAL, requestId: REQUEST_ID };

  it('deletes at once, by the ARN it finds, a secret whose tags name the claiming request', async () => {
    // Prepare
    secretPresent();
    secretsManager.on(DeleteSecretCommand).resolves({ ARN: CN.secretArn });
    const { deps } = depsFor(CN);

    // Act
    const change = await undoUncertainSecret(
      uncertain as Extract<LedgerEntry, { kind: 'secret' }>,
      owner,
      deps,
    );

    // Assess
    expect(secretsManager).toHaveReceivedCommandWith(DescribeSecretCommand, { SecretId: SECRET_NAME });
    expect(secretsManager.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: CN.secretArn, ForceDeleteWithoutRecovery: true },
    ]);
    expect(change).toMatchObject({ kind: 'secret', id: SECRET_NAME, action: 'delete' });
  });

  it.each([
    ['never created', undefined],
    ['not created by this request; kept', [{ Key: 'msk-flows:requestId', Value: 'someone-else' }]],
  ])('deletes nothing when the secret is %s', async (detail, tags) => {
    // Prepare
    if (tags) secretPresent(tags);
    else secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
    const { deps } = depsFor(CN);

    // Act
    const change = await undoUncertainSecret(
      uncertain as Extract<LedgerEntry, { kind: 'secret' }>,
      owner,
      deps,
    );

    // Assess
    expect(change).toEqual({ kind: 'secret', id: SECRET_NAME, action: 'none', detail });
    expect(secretsManager).not.toHaveReceivedCommand(DeleteSecretCommand);
  });
});

describe('removeMskCredentials in the ownership registry', () => {
  it('releases the secret and its association the principal held once offboarded', async () => {
    // Prepare
    const { deps, registry } = depsFor(CN);
    const ctx = runContextOf(requestFor(CN), { run: 'run-1' });
    await claimForRun(registry, ctx, [
      { ...secretId, origin: 'created', state: 'owned', entry: { ...uncertain, secretArn: CN.secretArn } },
      { ...associationId, origin: 'created', state: 'owned', entry: association },
    ]);
    secretPresent();
    secretsManager.on(DeleteSecretCommand).resolves({ ARN: CN.secretArn });
    kafka
      .on(ListScramSecretsCommand)
      .resolvesOnce({ SecretArnList: [CN.secretArn] })
      .resolves({ SecretArnList: [] });
    kafka.on(BatchDisassociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });

    // Act
    await removeMskCredentials({ request: requestFor(CN) }, deps);

    // Assess
    const view = await registry.view();
    expect(ownerOf(view, secretId)).toBeUndefined();
    expect(ownerOf(view, associationId)).toBeUndefined();
  });
});

describe('finishRuns with MSK credentials', () => {
  const noAdmin = {} as Admin;
  const noSecrets = {} as SecretStore;

  it('undoes from the registry alone what a crashed run held, association first, and closes the run', async () => {
    // Prepare
    const { deps, registry } = depsFor(CN);
    await claimedBy(registry, 'run-crashed', [
      { ...secretId, entry: uncertain },
      { ...associationId, entry: association },
    ]);
    secretPresent();
    secretsManager.on(DeleteSecretCommand).resolves({ ARN: CN.secretArn });
    kafka
      .on(ListScramSecretsCommand)
      .resolvesOnce({ SecretArnList: [CN.secretArn] })
      .resolves({ SecretArnList: [] });
    kafka.on(BatchDisassociateScramSecretCommand).resolves({ UnprocessedScramSecrets: [] });
    const runs = unfinishedRuns(await registry.view());

    // Act
    const outcome = await finishRuns(noAdmin, registry, noSecrets, runs, mskCredentialUndo(deps));

    // Assess
    expect(outcome.leftovers).toEqual([]);
    expect(outcome.finished).toEqual(['run-crashed']);
    expect(outcome.changes.map((c) => `${c.kind}:${c.action}`)).toEqual([
      'scram-association:delete',
      'secret:delete',
    ]);
    expect(kafka).toHaveReceivedCommandWith(BatchDisassociateScramSecretCommand, {
      ClusterArn: CN.clusterArn,
      SecretArnList: [CN.secretArn],
    });
    expect(secretsManager).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: CN.secretArn,
      ForceDeleteWithoutRecovery: true,
    });
    const view = await registry.view();
    expect(ownerOf(view, secretId)).toBeUndefined();
    expect(ownerOf(view, associationId)).toBeUndefined();
    expect(unfinishedRuns(view)).toEqual([]);
  });

  it('keeps a run open, naming the leftover, when it holds something no side here can undo', async () => {
    // Prepare
    const { deps, registry } = depsFor(CN);
    const vpc: LedgerEntry = {
      kind: 'vpc-connection',
      clusterArn: CN.clusterArn,
      consumerAccountId: '444455556666',
      vpcConnectionArn: 'arn:aws-cn:kafka:cn-northwest-1:444455556666:vpc-connection/x',
    };
    await claimedBy(registry, 'run-crashed', [
      {
        kind: 'vpc-connection',
        id: 'arn:aws-cn:kafka:cn-northwest-1:444455556666:vpc-connection/x',
        entry: vpc,
      },
    ]);

    // Act
    const outcome = await finishRuns(
      noAdmin,
      registry,
      noSecrets,
      unfinishedRuns(await registry.view()),
      mskCredentialUndo(deps),
    );

    // Assess
    expect(outcome.finished).toEqual([]);
    expect(outcome.leftovers).toEqual([
      expect.objectContaining({ run: 'run-crashed', kind: 'vpc-connection' }),
    ]);
    expect(unfinishedRuns(await registry.view()).map((r) => r.run)).toEqual(['run-crashed']);
  });
});
