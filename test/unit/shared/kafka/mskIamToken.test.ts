import { jest } from '@jest/globals';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { type AwsCredentials, signMskIamToken } from '../../../../tasks/shared/kafka/mskIamToken';

const NOW = new Date('2026-11-28T10:11:12.345Z');
const credentials: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE//session+token=',
};

/** The reference: AWS's own signer (aws-msk-iam-sasl-signer-js) at the same instant with the same credentials. */
async function referenceToken(region: string, creds: AwsCredentials) {
  jest.useFakeTimers({ now: NOW });
  try {
    return await generateAuthTokenFromCredentialsProvider({
      region,
      awsCredentialsProvider: async () => creds,
    });
  } finally {
    jest.useRealTimers();
  }
}

describe('signMskIamToken', () => {
  it('produces the token aws-msk-iam-sasl-signer-js produces, with a session token', async () => {
    // Prepare
    const expected = await referenceToken('cn-northwest-1', credentials);

    // Act
    const token = signMskIamToken('cn-northwest-1', credentials, NOW);

    // Assess
    expect(token).toEqual(expected);
  });

  it('produces the same token without a session token', async () => {
    // Prepare
    const longLived = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
    const expected = await referenceToken('us-east-1', longLived);

    // Act
    const token = signMskIamToken('us-east-1', longLived, NOW);

    // Assess
    expect(token).toEqual(expected);
  });

  it('expires with the credentials when they expire within 15 minutes, as the reference does', async () => {
    // Prepare
    const expiring = { ...credentials, expiration: new Date(NOW.getTime() + 300_000) };
    const expected = await referenceToken('us-east-1', expiring);

    // Act
    const token = signMskIamToken('us-east-1', expiring, NOW);

    // Assess
    expect(token).toEqual(expected);
    const url = new URL(Buffer.from(token.token, 'base64url').toString());
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(token.expiryTime).toBe(Date.parse('2026-11-28T10:11:12Z') + 300_000);
  });
});
