import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { emptyJournal } from '../../../../../tasks/onboarding/contracts';
import {
  createSecretToken,
  ensureScramSecret,
} from '../../../../../tasks/onboarding/credentials/msk/ensureScramSecret';
import {
  SCRAM_PASSWORD_EXCLUDED_CHARACTERS,
  SCRAM_PASSWORD_LENGTH,
} from '../../../../../tasks/onboarding/credentials/msk/password';
import { isRetriable } from '../../../../../tasks/shared/errors/retriable';
import { commandNames } from '../../../../helpers/sdkCalls';
import {
  awsError,
  CN,
  COMMERCIAL,
  depsFor,
  everythingSaid,
  KEY_ID_ONLY,
  PARTITIONS,
  PASSWORD,
  PRINCIPAL,
  requestFor,
  SECRET_NAME,
} from './fixtures';

const secretsManager = mockClient(SecretsManagerClient);

const MUTATING = [
  'CreateSecretCommand',
  'PutSecretValueCommand',
  'UpdateSecretCommand',
  'DeleteSecretCommand',
];

const commandsSent = (): string[] => commandNames(secretsManager);

function secretAbsent(): void {
  secretsManager.on(DescribeSecretCommand).rejects(awsError('ResourceNotFoundException'));
  secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
}

function secretPresent(arn: string, kmsKeyId: string | undefined, extra: Record<string, unknown> = {}): void {
  secretsManager
    .on(DescribeSecretCommand)
    .resolves({ ARN: arn, Name: SECRET_NAME, KmsKeyId: kmsKeyId, ...extra });
  secretsManager
    .on(GetSecretValueCommand)
    .resolves({ ARN: arn, SecretString: JSON.stringify({ username: PRINCIPAL, password: PASSWORD }) });
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.catch((error: unknown) => error);
}

describe('ensureScramSecret', () => {
  afterEach(() => {
    secretsManager.reset();
  });

  it.each(PARTITIONS)(
    'creates the secret with the platform key, tags and a derived token in $partition',
    async (fixture) => {
      // Prepare
      secretAbsent();
      secretsManager.on(CreateSecretCommand).resolves({ ARN: fixture.secretArn, Name: SECRET_NAME });
      const { deps, logger } = depsFor(fixture);

      // Act
      const journal = await ensureScramSecret(
        {
          request: requestFor(fixture, { team: 'orders', 'msk-flows:principal': 'spoofed' }),
          journal: emptyJournal(),
        },
        deps,
      );

      // Assess
      const create = secretsManager.commandCalls(CreateSecretCommand);
      expect(create).toHaveLength(1);
      const input = create[0].args[0].input;
      expect(input).toEqual({
        Name: SECRET_NAME,
        Description: expect.stringContaining(PRINCIPAL),
        KmsKeyId: fixture.kmsKeyArn,
        SecretString: JSON.stringify({ username: PRINCIPAL, password: PASSWORD }),
        ClientRequestToken: createSecretToken('orders-analytics-001', SECRET_NAME),
        Tags: [
          { Key: 'team', Value: 'orders' },
          { Key: 'msk-flows:principal', Value: PRINCIPAL },
          { Key: 'msk-flows:requestId', Value: 'orders-analytics-001' },
        ],
      });
      expect(input.KmsKeyId).not.toMatch(/alias\/aws\/secretsmanager/);
      expect(input.KmsKeyId?.startsWith(`arn:${fixture.partition}:kms:`)).toBe(true);
      expect(journal).toEqual({
        ledger: [{ kind: 'secret', secretArn: fixture.secretArn, secretName: SECRET_NAME }],
        changes: [
          {
            kind: 'secret',
            id: SECRET_NAME,
            action: 'create',
            detail: 'encrypted with the platform KMS key',
          },
        ],
      });
      expect(everythingSaid(journal, logger)).not.toContain(PASSWORD);
    },
  );

  it('asks GetRandomPassword for a long password without JAAS-, properties- or shell-breaking characters', async () => {
    // Prepare
    secretAbsent();
    secretsManager.on(CreateSecretCommand).resolves({ ARN: CN.secretArn });
    const { deps } = depsFor(CN);

    // Act
    await ensureScramSecret({ request: requestFor(CN) }, deps);

    // Assess
    expect(secretsManager).toHaveReceivedCommandWith(GetRandomPasswordCommand, {
      PasswordLength: SCRAM_PASSWORD_LENGTH,
      ExcludeCharacters: SCRAM_PASSWORD_EXCLUDED_CHARACTERS,
      IncludeSpace: false,
      RequireEachIncludedType: true,
    });
    expect(SCRAM_PASSWORD_LENGTH).toBeGreaterThanOrEqual(32);
    for (const character of [
      ' ',
      '"',
      "'",
      '`',
      '\\',
      '/',
      ';',
      '=',
      ',',
      ':',
      '$',
      '!',
      '&',
      '|',
      '#',
      '%',
      '@',
    ]) {
      expect(SCRAM_PASSWORD_EXCLUDED_CHARACTERS).toContain(character);
    }
    expect(SCRAM_PASSWORD_EXCLUDED_CHARACTERS).not.toMatch(/[A-Za-z0-9]/);
  });

  it('derives the same UUID-shaped token for the same request and another for another request', () => {
    // Act
    const first = createSecretToken('orders-analytics-001', SECRET_NAME);
    const again = createSecretToken('orders-analytics-001', SECRET_NAME);
    const other = createSecretToken('orders-analytics-002', SECRET_NAME);

    // Assess
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it.each([
    ['the key ARN', CN.kmsKeyArn],
    ['the key id', KEY_ID_ONLY],
  ])(
    'sends no mutating command and journals nothing when a usable secret exists (KmsKeyId is %s)',
    async (_, kmsKeyId) => {
      // Prepare
      secretPresent(CN.secretArn, kmsKeyId, { Tags: [{ Key: 'msk-flows:principal', Value: PRINCIPAL }] });
      const { deps, logger } = depsFor(CN);

      // Act
      const journal = await ensureScramSecret({ request: requestFor(CN), journal: emptyJournal() }, deps);

      // Assess
      expect(commandsSent()).toEqual(['DescribeSecretCommand', 'GetSecretValueCommand']);
      expect(secretsManager).toHaveReceivedCommandWith(DescribeSecretCommand, { SecretId: SECRET_NAME });
      expect(secretsManager).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: CN.secretArn });
      expect(journal).toEqual({
        ledger: [],
        changes: [
          {
            kind: 'secret',
            id: SECRET_NAME,
            action: 'none',
            detail: 'exists, encrypted with the platform KMS key',
          },
        ],
      });
      expect(everythingSaid(journal, logger)).not.toContain(PASSWORD);
    },
  );

  it.each([
    ['the default aws/secretsmanager key', undefined, /aws\/secretsmanager/],
    [
      'another customer key',
      'arn:aws-cn:kms:cn-northwest-1:111122223333:key/ffffffff-0000-0000-0000-000000000000',
      /ffffffff/,
    ],
  ])(
    'fails with ScramSecretKeyMismatchError and overwrites nothing when the secret uses %s',
    async (_, kmsKeyId, shown) => {
      // Prepare
      secretPresent(CN.secretArn, kmsKeyId);
      const { deps } = depsFor(CN);

      // Act
      const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, deps));

      // Assess
      expect(error).toMatchObject({ name: 'ScramSecretKeyMismatchError', expectedKey: CN.kmsKeyArn });
      expect((error as Error).message).toMatch(shown);
      expect(commandsSent().filter((name) => MUTATING.includes(name))).toEqual([]);
      expect(commandsSent()).not.toContain('GetRandomPasswordCommand');
      expect(isRetriable(error)).toBe(false);
    },
  );

  it('fails with ScramSecretContentError without quoting the value when the secret holds another username', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: 'someone-else', password: PASSWORD }) });
    const { deps, logger } = depsFor(CN);

    // Act
    const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretContentError' });
    expect(everythingSaid(error, logger)).not.toContain(PASSWORD);
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('keeps a non-JSON secret value out of the error (V8 quotes what JSON.parse failed on)', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: `username=${PRINCIPAL} ${PASSWORD}` });
    const { deps, logger } = depsFor(CN);

    // Act
    const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretContentError' });
    expect(everythingSaid(error, logger)).not.toContain(PASSWORD);
    expect(String((error as Error).stack)).not.toContain(PASSWORD);
    expect((error as Error).cause).toBeUndefined();
  });

  it('fails with ScramSecretPendingDeletionError when the secret is scheduled for deletion', async () => {
    // Prepare
    secretPresent(CN.secretArn, CN.kmsKeyArn, { DeletedDate: new Date('2030-01-08T00:00:00Z') });
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'ScramSecretPendingDeletionError' });
    expect((error as Error).message).toContain('2030-01-08');
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('journals an existing secret as created when its execution tag names this execution (retried Lambda)', async () => {
    // Prepare
    secretPresent(CN.secretArn, CN.kmsKeyArn, {
      Tags: [{ Key: 'msk-flows:execution', Value: 'orders-analytics-001' }],
    });
    const { deps } = depsFor(CN);

    // Act
    const journal = await ensureScramSecret(
      { request: requestFor(CN), executionName: 'orders-analytics-001' },
      deps,
    );

    // Assess
    expect(journal.ledger).toEqual([{ kind: 'secret', secretArn: CN.secretArn, secretName: SECRET_NAME }]);
    expect(journal.changes[0]).toMatchObject({ action: 'create' });
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('tags the execution name on create when given', async () => {
    // Prepare
    secretAbsent();
    secretsManager.on(CreateSecretCommand).resolves({ ARN: CN.secretArn });
    const { deps } = depsFor(CN);

    // Act
    await ensureScramSecret({ request: requestFor(CN), executionName: 'orders-analytics-001' }, deps);

    // Assess
    const tags = secretsManager.commandCalls(CreateSecretCommand)[0].args[0].input.Tags;
    expect(tags).toContainEqual({ Key: 'msk-flows:execution', Value: 'orders-analytics-001' });
  });

  it('adopts the secret without journaling it when a concurrent run created it first (ResourceExistsException)', async () => {
    // Prepare
    secretsManager
      .on(DescribeSecretCommand)
      .rejectsOnce(awsError('ResourceNotFoundException'))
      .resolves({ ARN: CN.secretArn, Name: SECRET_NAME, KmsKeyId: CN.kmsKeyArn });
    secretsManager.on(GetRandomPasswordCommand).resolves({ RandomPassword: PASSWORD });
    secretsManager.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: PRINCIPAL, password: 'theirs' }) });
    const { deps } = depsFor(CN);

    // Act
    const journal = await ensureScramSecret({ request: requestFor(CN) }, deps);

    // Assess
    expect(journal).toEqual({
      ledger: [],
      changes: [
        {
          kind: 'secret',
          id: SECRET_NAME,
          action: 'none',
          detail: 'exists, encrypted with the platform KMS key',
        },
      ],
    });
  });

  it('fails with the retriable AwsThrottledError, without the password, when CreateSecret is throttled', async () => {
    // Prepare
    secretAbsent();
    secretsManager.on(CreateSecretCommand).rejects(awsError('ThrottlingException'));
    const { deps, logger } = depsFor(CN);

    // Act
    const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, deps));

    // Assess
    expect(error).toMatchObject({
      name: 'AwsThrottledError',
      operation: 'CreateSecret',
      resource: SECRET_NAME,
    });
    expect(isRetriable(error)).toBe(true);
    expect(everythingSaid(error, logger)).not.toContain(PASSWORD);
  });

  it.each([
    ['missing', ''],
    ['an alias', 'arn:aws-cn:kms:cn-northwest-1:111122223333:alias/aws/secretsmanager'],
    ['in another Region', COMMERCIAL.kmsKeyArn],
  ])('fails with MskCredentialsConfigError before any call when the key ARN is %s', async (_, kmsKeyArn) => {
    // Prepare
    const { deps } = depsFor(CN);

    // Act
    const error = await outcome(ensureScramSecret({ request: requestFor(CN) }, { ...deps, kmsKeyArn }));

    // Assess
    expect(error).toMatchObject({ name: 'MskCredentialsConfigError' });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('fails with NotAnMskClusterError for a self-managed cluster', async () => {
    // Prepare
    const { deps } = depsFor(CN);
    const request = {
      ...requestFor(CN),
      cluster: { kind: 'self-managed' as const, bootstrapServers: ['127.0.0.1:9096'] },
    };

    // Act
    const error = await outcome(ensureScramSecret({ request }, deps));

    // Assess
    expect(error).toMatchObject({ name: 'NotAnMskClusterError' });
    expect(secretsManager.calls()).toHaveLength(0);
  });
});
