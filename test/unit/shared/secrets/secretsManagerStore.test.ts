import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretAccessError, SecretThrottledError } from '../../../../tasks/shared/secrets/errors';
import { SecretsManagerStore } from '../../../../tasks/shared/secrets/secretsManagerStore';
import { commandNames } from '../../../helpers/sdkCalls';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_team-a-AbCdEf';
const notFound = () => new ResourceNotFoundException({ message: 'not found', $metadata: {} });
const markedForDeletion = () =>
  new InvalidRequestException({
    message: "You can't perform this operation on the secret because it was marked for deletion.",
    $metadata: {},
  });
const secretsManager = mockClient(SecretsManagerClient);

describe('SecretsManagerStore', () => {
  afterEach(() => {
    secretsManager.reset();
  });

  it('puts a new value on an existing secret with PutSecretValue', async () => {
    // Prepare
    secretsManager.on(PutSecretValueCommand).resolves({});
    const store = new SecretsManagerStore();

    // Act
    await store.put(ARN, '{"username":"a","password":"b"}');

    // Assess
    expect(secretsManager).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: ARN,
      SecretString: '{"username":"a","password":"b"}',
    });
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('creates the secret with the configured KMS key when the name does not exist yet', async () => {
    // Prepare
    secretsManager.on(PutSecretValueCommand).rejects(notFound());
    secretsManager.on(CreateSecretCommand).resolves({ ARN });
    const store = new SecretsManagerStore({ kmsKeyId: 'alias/msk-scram' });

    // Act
    await store.put('AmazonMSK_team-a', 'value');

    // Assess
    expect(secretsManager.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({
      Name: 'AmazonMSK_team-a',
      SecretString: 'value',
      KmsKeyId: 'alias/msk-scram',
    });
  });

  it('creates the secret with the tags the store is told to give it', async () => {
    // Prepare
    secretsManager.on(PutSecretValueCommand).rejects(notFound());
    secretsManager.on(CreateSecretCommand).resolves({ ARN });
    const store = new SecretsManagerStore({
      kmsKeyId: 'alias/msk-scram',
      tagsFor: (name) => ({ 'msk-flows:principal': name.slice('AmazonMSK_'.length) }),
    });

    // Act
    await store.put('AmazonMSK_team-a', 'value');

    // Assess
    expect(secretsManager.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({
      Name: 'AmazonMSK_team-a',
      SecretString: 'value',
      KmsKeyId: 'alias/msk-scram',
      Tags: [{ Key: 'msk-flows:principal', Value: 'team-a' }],
    });
  });

  it('throws SecretNotFoundError instead of creating when an ARN does not exist', async () => {
    // Prepare
    secretsManager.on(PutSecretValueCommand).rejects(notFound());

    // Act
    const result = new SecretsManagerStore().put(ARN, 'value');

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'SecretNotFoundError', secretId: ARN });
    expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('deletes with the configured recovery window and treats a missing secret as deleted', async () => {
    // Prepare
    secretsManager.on(DeleteSecretCommand).rejectsOnce(notFound()).resolves({});
    const store = new SecretsManagerStore({ recoveryWindowInDays: 7 });

    // Act
    await store.delete(ARN);
    await store.delete(ARN);

    // Assess
    expect(secretsManager).toHaveReceivedCommandTimes(DeleteSecretCommand, 2);
    expect(secretsManager).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: ARN,
      RecoveryWindowInDays: 7,
    });
  });

  it('deletes without a recovery window when asked to delete immediately (compensation)', async () => {
    // Prepare
    secretsManager.on(DeleteSecretCommand).resolves({});
    const store = new SecretsManagerStore({ recoveryWindowInDays: 7 });

    // Act
    await store.delete(ARN, { immediately: true });

    // Assess
    expect(secretsManager).toHaveReceivedCommandWith(DeleteSecretCommand, {
      SecretId: ARN,
      ForceDeleteWithoutRecovery: true,
    });
    expect(
      secretsManager.commandCalls(DeleteSecretCommand)[0]?.args[0].input.RecoveryWindowInDays,
    ).toBeUndefined();
  });

  describe('a secret an offboarding scheduled for deletion', () => {
    const scheduled = () =>
      secretsManager
        .on(DescribeSecretCommand)
        .resolves({ ARN, DeletedDate: new Date('2030-01-08T00:00:00Z') });

    it('reads as not found', async () => {
      // Prepare
      secretsManager.on(GetSecretValueCommand).rejects(markedForDeletion());
      scheduled();

      // Act
      const result = new SecretsManagerStore().get(ARN);

      // Assess
      await expect(result).rejects.toMatchObject({ name: 'SecretNotFoundError', secretId: ARN });
    });

    it('is restored, then given the new value, when a value is put under its name', async () => {
      // Prepare
      secretsManager.on(PutSecretValueCommand).rejectsOnce(markedForDeletion()).resolves({});
      secretsManager.on(RestoreSecretCommand).resolves({ ARN });
      scheduled();

      // Act
      await new SecretsManagerStore().put('AmazonMSK_team-a', 'value');

      // Assess
      expect(commandNames(secretsManager)).toEqual([
        'PutSecretValueCommand',
        'DescribeSecretCommand',
        'RestoreSecretCommand',
        'PutSecretValueCommand',
      ]);
      expect(secretsManager.commandCalls(PutSecretValueCommand)[1]?.args[0].input).toEqual({
        SecretId: 'AmazonMSK_team-a',
        SecretString: 'value',
      });
      expect(secretsManager).not.toHaveReceivedCommand(CreateSecretCommand);
    });

    it('is not restored when the invalid request had another reason', async () => {
      // Prepare
      secretsManager.on(PutSecretValueCommand).rejects(markedForDeletion());
      secretsManager.on(DescribeSecretCommand).resolves({ ARN });

      // Act
      const result = new SecretsManagerStore().put(ARN, 'value');

      // Assess
      await expect(result).rejects.toMatchObject({ name: 'SecretAccessError' });
      expect(secretsManager).not.toHaveReceivedCommand(RestoreSecretCommand);
    });
  });

  describe('when Secrets Manager fails', () => {
    const throttled = () =>
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: {},
      });
    const denied = () =>
      Object.assign(new Error('not authorized'), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
      });
    const serverFault = () =>
      Object.assign(new Error('internal'), {
        name: 'InternalServiceError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });

    it.each([
      ['throttling', throttled],
      ['a server fault', serverFault],
    ])(
      'throws the retriable SecretThrottledError on %s, for reads, writes and deletes',
      async (_, failure) => {
        // Prepare
        secretsManager.on(GetSecretValueCommand).rejects(failure());
        secretsManager.on(PutSecretValueCommand).rejects(failure());
        secretsManager.on(DeleteSecretCommand).rejects(failure());
        const store = new SecretsManagerStore({ client: new SecretsManagerClient({}) });

        // Act
        const outcomes = await Promise.allSettled([store.get(ARN), store.put(ARN, 'v'), store.delete(ARN)]);

        // Assess
        for (const outcome of outcomes) {
          expect(outcome.status).toBe('rejected');
          const error = (outcome as PromiseRejectedResult).reason;
          expect(error).toBeInstanceOf(SecretThrottledError);
          expect((error.constructor as { retriable?: boolean }).retriable).toBe(true);
          expect(error.message).toContain(ARN);
        }
      },
    );

    it('throws the non-retriable SecretAccessError when access is denied', async () => {
      // Prepare
      secretsManager.on(GetSecretValueCommand).rejects(denied());
      const store = new SecretsManagerStore({ client: new SecretsManagerClient({}) });

      // Act
      const read = store.get(ARN);

      // Assess
      await expect(read).rejects.toBeInstanceOf(SecretAccessError);
      await expect(read).rejects.toHaveProperty('name', 'SecretAccessError');
      expect((SecretAccessError as { retriable?: boolean }).retriable).not.toBe(true);
    });
  });
});
