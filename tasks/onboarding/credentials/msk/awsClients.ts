import { kafkaClient, logger } from '../../cluster/clients';
import { secretsManagerClient } from './secretsManagerClient';
import type { MskCredentialsDeps } from './types';

/**
 * The AWS side of the MSK credential deps (no registry: Plan Changes reads secrets and associations only, and
 * so imports no registry writer); the key ARN is checked when used, so importing never throws.
 */
export const mskCredentialClients: Omit<MskCredentialsDeps, 'registry'> = {
  kafka: kafkaClient,
  secretsManager: secretsManagerClient,
  logger,
  kmsKeyArn: process.env.SCRAM_SECRET_KMS_KEY_ARN ?? '',
};
