import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { readScramCredentials } from '../../../../tasks/shared/secrets/scramCredentials';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_team-a-AbCdEf';
const secretsManager = mockClient(SecretsManagerClient);

describe('readScramCredentials', () => {
  afterEach(() => {
    secretsManager.reset();
  });

  it('reads the username and password with exactly one GetSecretValue when given a Secrets Manager ARN', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: 'team-a', password: 's3cr3t' }) });

    // Act
    const credentials = await readScramCredentials(ARN, { secretsManager: new SecretsManagerClient({}) });

    // Assess
    expect(credentials).toEqual({ username: 'team-a', password: 's3cr3t' });
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('uses the shared client when no client is injected', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand, { SecretId: ARN }).resolves({
      SecretString: JSON.stringify({ username: 'team-a', password: 'pw' }),
    });

    // Act
    const credentials = await readScramCredentials({ kind: 'secretsManager', arn: ARN });

    // Assess
    expect(credentials.username).toBe('team-a');
    expect(secretsManager).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
  });

  it('throws SecretNotFoundError naming the ARN when the secret does not exist', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));

    // Act
    const result = readScramCredentials(ARN);

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'SecretNotFoundError', secretId: ARN });
  });

  it('throws SecretAccessError keeping the cause when Secrets Manager denies access', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    secretsManager.on(GetSecretValueCommand).rejects(denied);

    // Act
    const error = await readScramCredentials(ARN).catch((rejection: unknown) => rejection);

    // Assess
    expect(error).toMatchObject({ name: 'SecretAccessError', secretId: ARN });
    expect((error as Error).cause).toBe(denied);
  });

  it('lists every bad field without the value when the secret is not SCRAM credentials', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ user: 'x', password: '' }) });

    // Act
    const error = await readScramCredentials(ARN).catch((rejection: unknown) => rejection);

    // Assess
    expect(error).toMatchObject({ name: 'SecretFormatError' });
    expect((error as Error).message).toMatch(/username: .*password: /);
  });

  it('does not echo the secret when its value is not JSON', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'hunter2-not-json' });

    // Act
    const error = await readScramCredentials(ARN).catch((rejection: unknown) => rejection);

    // Assess
    expect(error).toMatchObject({ name: 'SecretFormatError' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).cause).toBeUndefined();
  });

  it('rejects a binary secret with SecretFormatError', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2]) });

    // Act
    const result = readScramCredentials(ARN);

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'SecretFormatError' });
  });
});
