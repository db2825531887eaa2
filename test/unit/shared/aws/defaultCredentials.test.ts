import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { credentialsFromEnv, defaultCredentials } from '../../../../tasks/shared/aws/defaultCredentials';

describe('credentialsFromEnv', () => {
  it('reads the keys, the session token and the expiry Lambda and the SDK use', () => {
    // Act
    const found = credentialsFromEnv({
      AWS_ACCESS_KEY_ID: 'ASIALAMBDA',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-29T20:00:00Z',
    });

    // Assess
    expect(found).toEqual({
      accessKeyId: 'ASIALAMBDA',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date('2026-11-29T20:00:00Z'),
    });
  });

  it('finds nothing without both keys', () => {
    // Act / Assess
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'AKID' })).toBeUndefined();
    expect(credentialsFromEnv({ AWS_SECRET_ACCESS_KEY: 'secret' })).toBeUndefined();
  });
});

describe('defaultCredentials', () => {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'msk-flows-creds-'));
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers from the environment first', async () => {
    // Act
    const found = await defaultCredentials('eu-west-1', {
      AWS_ACCESS_KEY_ID: 'ASIAENV',
      AWS_SECRET_ACCESS_KEY: 'from-env',
    })();

    // Assess
    expect(found).toEqual({ accessKeyId: 'ASIAENV', secretAccessKey: 'from-env' });
  });

  it("falls back to the SDK's chain (here a shared credentials file) when the environment has no keys", async () => {
    // Prepare
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      '[msk-flows-test]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = from-profile\n',
    );
    process.env = {
      PATH: saved.PATH,
      AWS_SHARED_CREDENTIALS_FILE: file,
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_PROFILE: 'msk-flows-test',
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    // Act
    const found = await defaultCredentials('eu-west-1', process.env)();

    // Assess
    expect(found).toMatchObject({ accessKeyId: 'AKIDPROFILE', secretAccessKey: 'from-profile' });
  });
});
