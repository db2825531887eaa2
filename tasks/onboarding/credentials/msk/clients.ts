import { kafkaTaskDeps } from '../../kafka/clients';
import { registryAccessVia } from '../../registry/access';
import { mskCredentialClients } from './awsClients';
import type { MskCredentialsDeps } from './types';

/** The deps of the MSK credential handlers; the key ARN is checked when used, so importing never throws. */
export const mskCredentialsDeps: MskCredentialsDeps = {
  ...mskCredentialClients,
  // The registry lives in the cluster: these tasks reach it as the Kafka-facing ones do (VPC, admin secret).
  registry: registryAccessVia(kafkaTaskDeps.connect),
};
