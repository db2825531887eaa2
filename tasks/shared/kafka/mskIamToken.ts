import { createHash, createHmac } from 'node:crypto';

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A signed MSK IAM token and when it stops being valid (epoch ms). */
export interface MskIamToken {
  token: string;
  expiryTime: number;
}

/** Signs a token for SASL/OAUTHBEARER on MSK's IAM listener; tests pass their own. */
export type MskIamTokenSigner = (options: { region: string }) => Promise<MskIamToken>;

const SERVICE = 'kafka-cluster';
const ALGORITHM = 'AWS4-HMAC-SHA256';
const EXPIRY_SECONDS = 900;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
/** The user agent aws-msk-iam-sasl-signer-js puts in its tokens; MSK only logs it. */
export const MSK_IAM_USER_AGENT = 'aws-msk-iam-sasl-signer-js/1.0.3';

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const query = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] as string)}`)
    .join('&');

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * The MSK IAM auth token: a SigV4-presigned `GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect`,
 * base64url without padding — what aws-msk-iam-sasl-signer-js's `generateAuthTokenFromCredentialsProvider`
 * returns (a unit test compares the two), written here with node:crypto so a Lambda bundle carries neither
 * that package nor the SDK helpers it pulls in (~300 KiB). Valid 15 minutes, or until the credentials expire.
 * https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html
 */
export function signMskIamToken(region: string, credentials: AwsCredentials, now = new Date()): MskIamToken {
  const host = `kafka.${region}.amazonaws.com`;
  const longDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${region}/${SERVICE}/aws4_request`;
  const left = credentials.expiration
    ? (credentials.expiration.getTime() - now.getTime()) / 1000
    : EXPIRY_SECONDS;
  const ttl = Math.max(1, Math.floor(Math.min(left, EXPIRY_SECONDS)));
  const params: Record<string, string> = {
    Action: 'kafka-cluster:Connect',
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': longDate,
    'X-Amz-Expires': String(ttl),
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    'X-Amz-SignedHeaders': 'host',
  };
  const canonicalRequest = ['GET', '/', query(params), `host:${host}`, '', 'host', EMPTY_SHA256].join('\n');
  const stringToSign = [
    ALGORITHM,
    longDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, shortDate);
  for (const part of [region, SERVICE, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const url = `https://${host}/?${query({ ...params, 'X-Amz-Signature': signature, 'User-Agent': MSK_IAM_USER_AGENT })}`;
  const signedAt = Date.UTC(
    Number(longDate.slice(0, 4)),
    Number(longDate.slice(4, 6)) - 1,
    Number(longDate.slice(6, 8)),
    Number(longDate.slice(9, 11)),
    Number(longDate.slice(11, 13)),
    Number(longDate.slice(13, 15)),
  );
  return { token: Buffer.from(url).toString('base64url'), expiryTime: signedAt + ttl * 1000 };
}

type CredentialProvider = () => Promise<AwsCredentials>;
const providers = new Map<string, Promise<CredentialProvider>>();

/**
 * The default credential chain of the AWS SDK the Lambda runtime provides (environment variables in Lambda),
 * taken from a client's resolved config, so nothing of the SDK's credential providers is bundled. The client
 * is imported when first needed: SCRAM and TLS functions never load it.
 */
function defaultCredentials(region: string): Promise<CredentialProvider> {
  let provider = providers.get(region);
  if (!provider) {
    provider = import('@aws-sdk/client-kafka').then(({ KafkaClient }) => {
      const client = new KafkaClient({ region });
      return () => client.config.credentials() as Promise<AwsCredentials>;
    });
    providers.set(region, provider);
  }
  return provider;
}

/** Signs a token with the default credential chain (a fresh one on every SASL re-authentication). */
export const generateMskIamToken: MskIamTokenSigner = async ({ region }) => {
  const credentials = await (await defaultCredentials(region))();
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    throw new Error('AWS credentials cannot be empty to generate an MSK IAM auth token');
  }
  return signMskIamToken(region, credentials);
};
