import { defaultCredentials } from '../aws/defaultCredentials';
import { type AwsCredentials, canonicalQuery, presignParams } from '../aws/sigv4Presign';

export type { AwsCredentials } from '../aws/sigv4Presign';

/** A signed MSK IAM token and when it stops being valid (epoch ms). */
export interface MskIamToken {
  token: string;
  expiryTime: number;
}

/** Signs a token for SASL/OAUTHBEARER on MSK's IAM listener; tests pass their own. */
export type MskIamTokenSigner = (options: { region: string }) => Promise<MskIamToken>;

const EXPIRY_SECONDS = 900;
/** The user agent aws-msk-iam-sasl-signer-js puts in its tokens; MSK only logs it. */
export const MSK_IAM_USER_AGENT = 'aws-msk-iam-sasl-signer-js/1.0.3';

/**
 * The MSK IAM auth token: a SigV4-presigned `GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect`,
 * base64url without padding — what aws-msk-iam-sasl-signer-js's `generateAuthTokenFromCredentialsProvider`
 * returns (a unit test compares the two), written here with node:crypto so a Lambda bundle carries neither
 * that package nor the SDK helpers it pulls in (~300 KiB). Valid 15 minutes, or until the credentials expire.
 * https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html
 */
export function signMskIamToken(region: string, credentials: AwsCredentials, now = new Date()): MskIamToken {
  const host = `kafka.${region}.amazonaws.com`;
  const left = credentials.expiration
    ? (credentials.expiration.getTime() - now.getTime()) / 1000
    : EXPIRY_SECONDS;
  const ttl = Math.max(1, Math.floor(Math.min(left, EXPIRY_SECONDS)));
  const params = presignParams(
    { host, params: { Action: 'kafka-cluster:Connect' }, service: 'kafka-cluster', region, expiresIn: ttl },
    credentials,
    now,
  );
  const url = `https://${host}/?${canonicalQuery({ ...params, 'User-Agent': MSK_IAM_USER_AGENT })}`;
  // X-Amz-Date has whole seconds: the token is valid from that second.
  const signedAt = Math.floor(now.getTime() / 1000) * 1000;
  return { token: Buffer.from(url).toString('base64url'), expiryTime: signedAt + ttl * 1000 };
}

/** Signs a token with the default credential chain (a fresh one on every SASL re-authentication). */
export const generateMskIamToken: MskIamTokenSigner = async ({ region }) => {
  const credentials = await defaultCredentials(region)();
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    throw new Error('AWS credentials cannot be empty to generate an MSK IAM auth token');
  }
  return signMskIamToken(region, credentials);
};
