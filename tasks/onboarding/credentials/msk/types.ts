import type { KafkaClient } from '@aws-sdk/client-kafka';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { TaskLogger } from '../../cluster/clients';
import type { ClusterRef } from '../../contracts';
import type { RegistryAccess } from '../../registry/access';

/** The request fields the MSK credential steps read; a validated OnboardingRequest fits it. */
export interface MskCredentialsRequest {
  requestId: string;
  principal: string;
  cluster: ClusterRef;
  tags?: Record<string, string>;
}

/** What the MSK credential cores need, injected so tests swap them. */
export interface MskCredentialsDeps {
  kafka: KafkaClient;
  secretsManager: SecretsManagerClient;
  logger: TaskLogger;
  /** The platform's customer-managed KMS key ARN (env `SCRAM_SECRET_KMS_KEY_ARN`). */
  kmsKeyArn: string;
  /** The target cluster's ownership registry: intents before CreateSecret / BatchAssociateScramSecret, outcomes after. */
  registry: RegistryAccess;
}
