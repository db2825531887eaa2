import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { kafkaClient, logger } from '../../cluster/clients';
import type { MskCredentialsDeps } from './types';

/** The Secrets Manager client of this Lambda container, created once. */
export const secretsManagerClient = new SecretsManagerClient({});

/** The deps of the MSK credential handlers; the key ARN is checked when used, so importing never throws. */
export const mskCredentialsDeps: MskCredentialsDeps = {
  kafka: kafkaClient,
  secretsManager: secretsManagerClient,
  logger,
  kmsKeyArn: process.env.SCRAM_SECRET_KMS_KEY_ARN ?? '',
};
