import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { writeSecretFile } from '../../../../tasks/shared/secrets/localFileStore';
import { readScramCredentials } from '../../../../tasks/shared/secrets/scramCredentials';
import { parseSecretRef } from '../../../../tasks/shared/secrets/secretRef';

describe('parseSecretRef', () => {
  it.each([
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_a-Ab12Cd', 'secretsManager'],
    ['arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:AmazonMSK_b-Xy', 'secretsManager'],
    ['/work/.local/secrets/kafka-admin.json', 'file'],
    ['./.local/secrets/kafka-admin.json', 'file'],
    ['file:.local/secrets/kafka-admin.json', 'file'],
  ])('reads %s as a %s reference', (value, kind) => {
    // Act
    const ref = parseSecretRef(value);

    // Assess
    expect(ref.kind).toBe(kind);
  });

  it('resolves relative file references against the working directory', () => {
    // Act
    const ref = parseSecretRef('file:.local/secrets/x.json');

    // Assess
    expect(ref).toEqual({ kind: 'file', path: resolve('.local/secrets/x.json') });
  });

  it.each(['AmazonMSK_team-a', 'arn:aws:kms:eu-west-1:123456789012:key/abc', 'file:', ''])(
    'throws SecretRefError for %j',
    (value) => {
      // Act
      const act = () => parseSecretRef(value);

      // Assess
      expect(act).toThrow(expect.objectContaining({ name: 'SecretRefError' }));
    },
  );
});

describe('readScramCredentials from a local file', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-flows-ref-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    secretsManager.reset();
  });

  it('reads the file and never calls Secrets Manager when the reference is a path', async () => {
    // Prepare
    const file = join(dir, 'kafka-admin.json');
    writeSecretFile(file, JSON.stringify({ username: 'admin', password: 'pw' }));

    // Act
    const credentials = await readScramCredentials(file);

    // Assess
    expect(credentials).toEqual({ username: 'admin', password: 'pw' });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('throws SecretNotFoundError naming the path when the file is missing', async () => {
    // Prepare
    const file = join(dir, 'missing.json');

    // Act
    const result = readScramCredentials({ kind: 'file', path: file });

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'SecretNotFoundError', secretId: file });
  });
});
