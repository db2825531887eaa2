import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The Secrets Manager client of this Lambda container, created once (shared with private access). */
export const secretsManagerClient = new SecretsManagerClient({});
