import type { SASLOptions } from 'kafkajs';
import { readScramCredentials, type ScramCredentials } from '../secrets/scramCredentials';
import type { SecretDeps } from '../secrets/secretRef';
import type { KafkaAuth } from './config';
import { generateMskIamToken, type MskIamTokenSigner } from './mskIamToken';

/** Dependencies of authentication; tests swap the signer and the Secrets Manager client. */
export interface KafkaAuthDeps extends SecretDeps {
  generateAuthToken?: MskIamTokenSigner;
}

/** kafkajs SASL options for SCRAM-SHA-512 with the given credentials. */
export function scramSasl(credentials: ScramCredentials): SASLOptions {
  return { mechanism: 'scram-sha-512', username: credentials.username, password: credentials.password };
}

/**
 * kafkajs SASL options for MSK IAM: a fresh signed token on every (re)authentication.
 * https://docs.aws.amazon.com/msk/latest/developerguide/iam-access-control.html
 */
export function iamSasl(region: string, deps: KafkaAuthDeps = {}): SASLOptions {
  const sign = deps.generateAuthToken ?? generateMskIamToken;
  return {
    mechanism: 'oauthbearer',
    oauthBearerProvider: async () => ({ value: (await sign({ region })).token }),
  };
}

/** The SASL options for an auth scheme, reading SCRAM credentials from their secret; undefined for TLS only. */
export async function resolveSasl(
  auth: KafkaAuth,
  deps: KafkaAuthDeps = {},
): Promise<SASLOptions | undefined> {
  switch (auth.type) {
    case 'scram':
      return scramSasl(await readScramCredentials(auth.secret, deps));
    case 'iam':
      return iamSasl(auth.region, deps);
    case 'tls':
      return undefined;
  }
}
