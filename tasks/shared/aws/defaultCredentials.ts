import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials } from './sigv4Presign';

/** A source of AWS credentials, asked again for every signature. */
export type CredentialProvider = () => Promise<AwsCredentials>;

/**
 * The credentials the environment holds (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
 * `AWS_CREDENTIAL_EXPIRATION`), as the SDK's first provider (`fromEnv`) reads them; undefined without both keys.
 * Lambda puts the execution role's credentials there.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
  };
}

const chains = new Map<string, CredentialProvider>();

/**
 * The SDK's default credential chain, starting as it does with the environment: in Lambda that answers without
 * loading any SDK package. Elsewhere (a profile, SSO, a container role) the chain of an STS client's resolved
 * config answers; in a Lambda bundle its package loads on that first call (infra/bundling/lazyAwsSdk).
 */
export function defaultCredentials(region: string, env: NodeJS.ProcessEnv = process.env): CredentialProvider {
  return async () => {
    const fromEnv = credentialsFromEnv(env);
    if (fromEnv) return fromEnv;
    let chain = chains.get(region);
    if (!chain) {
      const client = new STSClient({ region });
      chain = () => client.config.credentials() as Promise<AwsCredentials>;
      chains.set(region, chain);
    }
    return chain();
  };
}
