import { createHash, createHmac } from 'node:crypto';

/** AWS credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** What to presign: a `GET https://<host>/?<params>` for `service` in `region`, valid `expiresIn` seconds. */
export interface PresignRequest {
  /** The host as the URL and the signed `host` header carry it (`host` or `host:port`). */
  host: string;
  params: Record<string, string>;
  service: string;
  region: string;
  expiresIn: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A query string with sorted keys, RFC 3986-encoded, as SigV4's canonical query and the SDK's URLs have it. */
export const canonicalQuery = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k] as string)}`)
    .join('&');

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** `20261129T083100Z` for `now`. */
const amzDate = (now: Date): string =>
  now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * SigV4 query-string presigning of a bodyless GET on `/` signed over its `host` header alone: the query
 * parameters of the signed URL (the request's own, the `X-Amz-*` ones and `X-Amz-Signature`), as the SDK's
 * `SignatureV4.presign` makes them. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export function presignParams(
  request: PresignRequest,
  credentials: AwsCredentials,
  now: Date,
): Record<string, string> {
  const longDate = amzDate(now);
  const shortDate = longDate.slice(0, 8);
  const scope = `${shortDate}/${request.region}/${request.service}/aws4_request`;
  const params: Record<string, string> = {
    ...request.params,
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': longDate,
    'X-Amz-Expires': String(request.expiresIn),
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    'X-Amz-SignedHeaders': 'host',
  };
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery(params),
    `host:${request.host}`,
    '',
    'host',
    EMPTY_SHA256,
  ].join('\n');
  const stringToSign = [
    ALGORITHM,
    longDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, shortDate);
  for (const part of [request.region, request.service, 'aws4_request']) key = hmac(key, part);
  return { ...params, 'X-Amz-Signature': createHmac('sha256', key).update(stringToSign).digest('hex') };
}
