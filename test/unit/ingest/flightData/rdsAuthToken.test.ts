import { Signer } from '@aws-sdk/rds-signer';
import { describe, expect, it, jest } from '@jest/globals';
import { rdsAuthTokenProvider, signRdsAuthToken } from '../../../../tasks/ingest/flightData/rdsAuthToken';
import type { AwsCredentials } from '../../../../tasks/shared/aws/sigv4Presign';

const NOW = new Date('2026-11-29T08:41:07.891Z');
const PROXY = {
  hostname: 'flight-data.proxy-abc123xyz.cn-north-1.rds.amazonaws.com.cn',
  port: 5432,
  username: 'flight_reader',
  region: 'cn-north-1',
};
const credentials: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE//session+token=',
};

/** The reference: AWS's own signer (@aws-sdk/rds-signer) at the same instant with the same credentials. */
async function referenceToken(target: typeof PROXY, creds: AwsCredentials): Promise<string> {
  jest.useFakeTimers({ now: NOW });
  try {
    return await new Signer({ ...target, credentials: creds }).getAuthToken();
  } finally {
    jest.useRealTimers();
  }
}

describe('signRdsAuthToken', () => {
  it('produces the token @aws-sdk/rds-signer produces, with a session token', async () => {
    // Prepare
    const expected = await referenceToken(PROXY, credentials);

    // Act
    const token = signRdsAuthToken(PROXY, credentials, NOW);

    // Assess
    expect(token).toBe(expected);
    expect(token.startsWith(`${PROXY.hostname}:5432/?Action=connect&DBUser=flight_reader&`)).toBe(true);
  });

  it('produces the same token for a user name that needs encoding, without a session token', async () => {
    // Prepare
    const target = { ...PROXY, username: 'reader+ops@team', port: 6543, region: 'eu-west-1' };
    const longLived = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret/with+chars' };
    const expected = await referenceToken(target, longLived);

    // Act
    const token = signRdsAuthToken(target, longLived, NOW);

    // Assess
    expect(token).toBe(expected);
    expect(token).not.toContain('X-Amz-Security-Token');
  });
});

describe('rdsAuthTokenProvider', () => {
  it('signs every token with the credentials the provider holds at that moment', async () => {
    // Prepare
    const held = [credentials, { accessKeyId: 'ASIAROTATED', secretAccessKey: 'rotated' }];
    let asked = 0;
    const provider = rdsAuthTokenProvider(PROXY, async () => held[asked++] as AwsCredentials);

    // Act
    const first = await provider();
    const second = await provider();

    // Assess
    expect(first).toContain('X-Amz-Credential=ASIAEXAMPLE%2F');
    expect(second).toContain('X-Amz-Credential=ASIAROTATED%2F');
  });
});
