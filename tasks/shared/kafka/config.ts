import { parseSecretRef, type SecretRef, secretRefId } from '../secrets/secretRef';

/**
 * How a client authenticates to the brokers.
 * - `scram`: SASL/SCRAM-SHA-512 with `{"username","password"}` from a Secrets Manager ARN or a local file.
 *   TLS is on unless `plaintext` (only the local SASL_PLAINTEXT broker sets it).
 * - `iam`: MSK IAM access control, SASL/OAUTHBEARER tokens (mskIamToken.ts), over TLS.
 * - `tls`: TLS only (MSK unauthenticated or mTLS-less TLS listeners).
 */
export type KafkaAuth =
  | { type: 'scram'; secret: SecretRef | string; plaintext?: boolean }
  | { type: 'iam'; region: string }
  | { type: 'tls' };

/** Everything needed to connect to one cluster. */
export interface KafkaConnectionConfig {
  brokers: string[];
  auth: KafkaAuth;
  clientId?: string;
  /** Name or ARN of the cluster, carried into error context. */
  cluster?: string;
}

/** MSK port per auth scheme (see https://docs.aws.amazon.com/msk/latest/developerguide/port-info.html). */
export const MSK_PORTS = { tls: 9094, scram: 9096, iam: 9098 } as const;

/** Whether the connection uses TLS: always for IAM and TLS, for SCRAM unless explicitly plaintext. */
export function usesTls(auth: KafkaAuth): boolean {
  return auth.type !== 'scram' || auth.plaintext !== true;
}

/** A stable key identifying a connection config, used to share one client per config in a container. */
export function connectionKey(config: KafkaConnectionConfig): string {
  const { auth } = config;
  const authKey =
    auth.type === 'scram'
      ? [
          'scram',
          secretRefId(typeof auth.secret === 'string' ? parseSecretRef(auth.secret) : auth.secret),
          usesTls(auth),
        ]
      : auth.type === 'iam'
        ? ['iam', auth.region]
        : ['tls'];
  return JSON.stringify([config.clientId ?? '', [...config.brokers].sort(), authKey]);
}
