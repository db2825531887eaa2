import type { CredentialProvider } from '../../shared/aws/defaultCredentials';
import { type AwsCredentials, canonicalQuery, presignParams } from '../../shared/aws/sigv4Presign';

/** Where an IAM-authenticated database user connects: the RDS Proxy (or instance) endpoint. */
export interface RdsAuthTarget {
  hostname: string;
  port: number;
  username: string;
  region: string;
}

/** RDS IAM auth tokens are valid 15 minutes for opening a connection. */
const EXPIRES_IN_SECONDS = 900;

/**
 * The RDS IAM auth token (the database password for IAM auth): a SigV4-presigned
 * `GET https://<host>:<port>/?Action=connect&DBUser=<user>` for `rds-db`, without its scheme — what
 * `@aws-sdk/rds-signer`'s `Signer.getAuthToken()` returns (a unit test compares the two), written with
 * node:crypto so the flight data API's bundle does not carry the SDK's signing and credential code (~300 KiB).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Connecting.html
 */
export function signRdsAuthToken(
  target: RdsAuthTarget,
  credentials: AwsCredentials,
  now = new Date(),
): string {
  const host = `${target.hostname}:${target.port}`;
  const params = presignParams(
    {
      host,
      params: { Action: 'connect', DBUser: target.username },
      service: 'rds-db',
      region: target.region,
      expiresIn: EXPIRES_IN_SECONDS,
    },
    credentials,
    now,
  );
  return `${host}/?${canonicalQuery(params)}`;
}

/** A password provider for `target`: a fresh token, from the current credentials, for every new connection. */
export function rdsAuthTokenProvider(
  target: RdsAuthTarget,
  credentials: CredentialProvider,
): () => Promise<string> {
  return async () => signRdsAuthToken(target, await credentials());
}
