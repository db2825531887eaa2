import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { tracer } from '../../tracing';

/** The Secrets Manager client of this Lambda container, created once (shared with private access). */
export const secretsManagerClient = tracer.captureAWSv3Client(new SecretsManagerClient({}));
