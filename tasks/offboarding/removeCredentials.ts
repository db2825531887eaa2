import type { Journal } from '../onboarding/contracts';
import { mskCredentialsDeps } from '../onboarding/credentials/msk/clients';
import { removeMskCredentials } from '../onboarding/credentials/msk/removeMskCredentials';
import type { MskCredentialsDeps } from '../onboarding/credentials/msk/types';
import { removeScramUser } from '../onboarding/credentials/selfManaged/removeScramUser';
import { appendToJournal } from '../onboarding/journal';
import { type KafkaTaskDeps, kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { OnboardingRequest } from '../onboarding/request';
import { taskHandlerFactory } from '../onboarding/taskHandler';

export interface RemoveCredentialsInput {
  request: OnboardingRequest;
  journal: Journal;
}

export interface RemoveCredentialsDeps {
  kafka: KafkaTaskDeps;
  msk: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger' | 'registry'>;
}

/**
 * Remove Credentials: on MSK, disassociate `AmazonMSK_<principal>` and schedule the deletion of the
 * secret msk-flows created; on self-managed Kafka, delete the SCRAM user and its stored password.
 */
export async function removeCredentials(
  input: RemoveCredentialsInput,
  deps: RemoveCredentialsDeps,
): Promise<Journal> {
  if (input.request.cluster.kind === 'msk') {
    const changes = await removeMskCredentials({ request: input.request }, deps.msk);
    return appendToJournal(input.journal, changes);
  }
  return removeScramUser(input, deps.kafka);
}

/** Builds the handler of offboarding's "Remove Credentials" state over the deps given (local runs pass their own). */
export const createRemoveCredentialsHandler = taskHandlerFactory(removeCredentials);

/** Lambda entry point of offboarding's "Remove Credentials" state. */
export const handler = createRemoveCredentialsHandler({ kafka: kafkaTaskDeps, msk: mskCredentialsDeps });
