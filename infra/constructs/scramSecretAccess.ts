import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { tagScramKeyUser } from './scramSecretKey';

/** The secret's ARN for a policy: the full ARN when known, else its name with the 6-character suffix wildcard. */
export function secretPolicyArn(secret: ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}

/** The key a SCRAM secret is encrypted with, and (for the platform key) the stage whose key policy admits tagged roles. */
export interface ScramSecretKeyRef {
  key: IKey;
  /** Set for the platform's ScramSecretKey: the grantee's role is tagged as its user. */
  stage?: string;
}

/**
 * What reading one SCRAM secret takes (a function's code, an event source mapping's pollers or an IoT
 * rule's `get_secret`): `secretsmanager:GetSecretValue` on that secret, and `kms:Decrypt` on its
 * customer-managed key through Secrets Manager only. MSK's SCRAM secrets always have such a key.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html
 */
export function grantScramSecretRead(grantee: IGrantable, secret: ISecret, key?: ScramSecretKeyRef): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretPolicyArn(secret)] }),
  );
  const encryptionKey = key?.key ?? secret.encryptionKey;
  if (!encryptionKey) return;
  const { stack } = secret;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
    }),
  );
  if (key?.stage) tagScramKeyUser(grantee, key.stage);
}
