import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { RETRIABLE_KAFKA_ERROR_NAMES } from '../shared/kafka/errors';
import { undoAcl } from './acl/undoAcl';
import { logger } from './cluster/clients';
import { connectorDeps } from './connectors/clients';
import type { ConnectorDeps } from './connectors/types';
import { undoConnectorEntry } from './connectors/undoConnectors';
import type { Change, LedgerEntry } from './contracts';
import { mskCredentialsDeps } from './credentials/msk/clients';
import type { MskCredentialsDeps } from './credentials/msk/types';
import { undoScramAssociation, undoSecret, undoSecretRestore } from './credentials/msk/undoMskCredentials';
import { undoScramUser } from './credentials/selfManaged/undoScramUser';
import { CompensationIncompleteError, retriableOnboardingErrors } from './errors';
import { type KafkaTaskDeps, kafkaTaskDeps } from './kafka/clients';
import { privateAccessDeps } from './privateAccess/clients';
import type { PrivateAccessDeps } from './privateAccess/types';
import { undoPrivateAccessEntry } from './privateAccess/undoPrivateAccess';
import type { OnboardingRequest } from './request';
import { undoTopic, undoTopicConfig } from './topics/undoTopics';
import { undoTriggerEntry } from './triggers/undoTriggers';

export interface UndoChangesInput {
  request: OnboardingRequest;
  /** What this execution created, oldest first; undone newest first. */
  ledger: LedgerEntry[];
}

export interface UndoChangesOutput {
  changes: Change[];
}

export interface UndoChangesDeps {
  kafka: KafkaTaskDeps;
  msk: Pick<MskCredentialsDeps, 'kafka' | 'secretsManager' | 'logger'>;
  /** Private access and triggers (consumer account, cluster policy, lock); default this container's. */
  privateAccess?: PrivateAccessDeps;
  /** Kafka Connect and MSK Connect; default this container's. */
  connectors?: ConnectorDeps;
}

function undoOne(entry: LedgerEntry, request: OnboardingRequest, deps: UndoChangesDeps): Promise<Change> {
  switch (entry.kind) {
    case 'secret':
      return undoSecret(entry, deps.msk);
    case 'secret-restore':
      return undoSecretRestore(entry, deps.msk);
    case 'scram-association':
      return undoScramAssociation(entry, deps.msk);
    case 'scram-user':
      return undoScramUser(entry, request.cluster, deps.kafka);
    case 'topic':
      return undoTopic(entry, request.cluster, deps.kafka);
    case 'topic-config':
      return undoTopicConfig(entry, request.cluster, deps.kafka);
    case 'acl':
      return undoAcl(entry, request.cluster, deps.kafka);
    case 'multi-vpc-connectivity':
    case 'cluster-policy-statement':
    case 'cluster-lock':
    case 'vpc-connection':
      return undoPrivateAccessEntry(entry, request, deps.privateAccess ?? privateAccessDeps);
    case 'secret-copy':
    case 'event-source-mapping':
      return undoTriggerEntry(entry, request, deps.privateAccess ?? privateAccessDeps);
    case 'connector':
    case 'custom-plugin':
    case 'worker-configuration':
      return undoConnectorEntry(entry, deps.connectors ?? connectorDeps);
  }
}

const retriableNames = new Set<string>([...RETRIABLE_KAFKA_ERROR_NAMES, ...retriableOnboardingErrors]);

/**
 * Undo Changes: reverses the ledger newest-first, touching only what this execution created. Every
 * entry is attempted even when one fails (each undo is idempotent: "already gone" is success). If any
 * failed, a retriable failure is rethrown so the state machine retries the whole undo; otherwise a
 * CompensationIncompleteError names what is left behind.
 */
export async function undoChanges(
  input: UndoChangesInput,
  deps: UndoChangesDeps,
): Promise<UndoChangesOutput> {
  const changes: Change[] = [];
  const failures: { entry: LedgerEntry; error: Error }[] = [];
  for (const entry of [...input.ledger].reverse()) {
    try {
      changes.push(await undoOne(entry, input.request, deps));
    } catch (error) {
      failures.push({ entry, error: error as Error });
    }
  }
  if (failures.length === 0) return { changes };
  const retriable = failures.find((f) => retriableNames.has(f.error.name));
  if (retriable) throw retriable.error;
  throw new CompensationIncompleteError(
    failures.map((f) => ({ kind: f.entry.kind, error: `${f.error.name}: ${f.error.message}` })),
    { cause: failures[0]?.error },
  );
}

export const handler = middy(async (event: UndoChangesInput) =>
  undoChanges(event, { kafka: kafkaTaskDeps, msk: mskCredentialsDeps }),
).use(injectLambdaContext(logger));
