import { parseMskClusterArn } from '../../cluster/mskArn';
import { MskCredentialsConfigError, ScramSecretKeyMismatchError } from './errors';

// A key ARN, not an alias: MSK's guide says to give the key ID or ARN when creating SCRAM secrets.
// https://docs.aws.amazon.com/msk/latest/developerguide/msk-password-tutorial.html
const KMS_KEY_ARN = /^arn:(aws(?:-[a-z]+)*):kms:([a-z0-9-]+):(\d{12}):key\/([A-Za-z0-9-]+)$/;

/**
 * The platform key ARN, checked: a KMS key ARN in the cluster's partition, account and Region (MSK
 * reads the secret, and the key must sit beside it), never the default `aws/secretsmanager` key.
 */
export function platformKmsKeyArn(configured: string, clusterArn: string, secretName: string): string {
  const match = KMS_KEY_ARN.exec(configured);
  if (!match) {
    throw new MskCredentialsConfigError(
      `SCRAM_SECRET_KMS_KEY_ARN must be a customer-managed KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "${configured}"`,
      secretName,
    );
  }
  const [, partition, region, account] = match;
  const cluster = parseMskClusterArn(clusterArn);
  if (partition !== cluster.partition || region !== cluster.region || account !== cluster.account) {
    throw new MskCredentialsConfigError(
      `KMS key ${configured} is not in the account and Region of cluster ${clusterArn}; MSK needs both to match`,
      secretName,
    );
  }
  return configured;
}

/** True when DescribeSecret's KmsKeyId (absent = default key) designates the platform key (by ARN or id). */
export function isEncryptedWith(kmsKeyId: string | undefined, keyArn: string): boolean {
  if (!kmsKeyId) return false;
  return kmsKeyId === keyArn || kmsKeyId === keyArn.slice(keyArn.lastIndexOf('/') + 1);
}

/** Throws ScramSecretKeyMismatchError unless the secret is encrypted with the platform key. */
export function assertEncryptedWith(secretName: string, kmsKeyId: string | undefined, keyArn: string): void {
  if (!isEncryptedWith(kmsKeyId, keyArn)) throw new ScramSecretKeyMismatchError(secretName, kmsKeyId, keyArn);
}
