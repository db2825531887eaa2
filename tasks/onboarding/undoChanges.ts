import { isRetriable } from '../shared/errors/retriable';
import { connectorDeps } from './connectors/clients';
import type { ConnectorDeps } from './connectors/types';
import { undoConnectorEntry } from './connectors/undoConnectors';
import { undoRunConnectors } from './connectors/undoRunConnectors';
import type { Change, LedgerEntry } from './contracts';
import { mskCredentialsDeps } from './credentials/msk/clients';
import type { MskCredentialsDeps } from './credentials/msk/types';
import {
  mskCredentialUndo,
  undoScramAssociation,
  undoSecret,
  undoSecretRestore,
} from './credentials/msk/undoMskCredentials';
import { CompensationIncompleteError } from './errors';
import { type KafkaTaskDeps, kafkaTaskDeps } from './kafka/clients';
import { privateAccessDeps } from './privateAccess/clients';
import { isSharedEntry } from './privateAccess/sharedUse';
import type { PrivateAccessDeps } from './privateAccess/types';
import { undoPrivateAccessEntry } from './privateAccess/undoPrivateAccess';
import { sharedAccessUndo } from './privateAccess/undoSharedAccess';
import { runContextOf } from './registry/runContext';
import { withAdminAndRegistry } from './registry/session';
import { undoRunAwsSide } from './registry/undoAwsSide';
import { isKafkaUndoKind } from './registry/undoKafka';
import { closeRun, type Leftover, type UndoOutcome, undoRunKafkaSide } from './registry/undoRun';
import { registryIdentityOf } from './registryIdentity';
import type { OnboardingRequest } from './request';
import { taskHandlerFactory } from './taskHandler';
import { TRIGGER_UNDO_ORDER, triggerUndo, undoRecordedTrigger } from './triggers/undoRecordedTriggers';
import { undoTriggerEntry } from './triggers/undoTriggers';

export interface UndoChangesInput {
  request: OnboardingRequest;
  /** What this execution created, oldest first; undone newest first. */
  ledger: LedgerEntry[];
  /** The run's id in the ownership registry: its intents are undone too. */
  run?: string;
  /** The whole journal (`$.journal`), whose `run` is used when `run` is not given. */
  journal?: { run?: string };
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

/** Undoes one entry of a kind not kept in the cluster (MSK credentials, private access, triggers). */
function undoOne(entry: LedgerEntry, request: OnboardingRequest, deps: UndoChangesDeps): Promise<Change> {
  switch (entry.kind) {
    case 'secret':
      return undoSecret(entry, deps.msk);
    case 'secret-restore':
      return undoSecretRestore(entry, deps.msk);
    case 'scram-association':
      return undoScramAssociation(entry, deps.msk);
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
    case 'connector-role-policy':
      return undoConnectorEntry(entry, deps.connectors ?? connectorDeps);
    default:
      throw new Error(`${entry.kind} is undone on the Kafka side`);
  }
}

/** Undoes entries one by one, newest first, recording what fails and going on. */
async function undoEach(
  entries: readonly LedgerEntry[],
  request: OnboardingRequest,
  deps: UndoChangesDeps,
  outcome: UndoOutcome,
): Promise<void> {
  for (const entry of [...entries].reverse()) {
    try {
      outcome.changes.push(await undoOne(entry, request, deps));
    } catch (error) {
      const { kind, id } = registryIdentityOf(entry);
      outcome.leftovers.push({ kind, id, error: `${(error as Error).name}: ${(error as Error).message}` });
      outcome.errors.push(error as Error);
    }
  }
}

const CREDENTIAL_KINDS = new Set(['secret', 'secret-restore', 'scram-association']);
/** Trigger kinds the registry holds (undone from it too). */
const RECORDED_TRIGGER_KINDS = new Set<string>(TRIGGER_UNDO_ORDER);

/**
 * Undo Changes: reverses what this run did, newest first: event source mappings and the secret copy
 * (ledger and registry), shared private access (VPC connection, policy statement, connectivity: ledger and
 * registry; each goes only when msk-flows made it and no other principal's record uses it), the rest of
 * private access (ledger), then the Kafka side and then MSK credentials, both from the
 * ledger AND the ownership registry (an intent whose outcome
 * a crash lost is checked against the cluster or AWS, never assumed pre-existing). Every entry is attempted; each undo is
 * idempotent. If anything failed, a retriable failure is rethrown (the state machine retries the whole
 * undo); otherwise a CompensationIncompleteError names every leftover, and the registry keeps them for a
 * rerun, an offboarding or `msk-flows reconcile`.
 */
export async function undoChanges(
  input: UndoChangesInput,
  deps: UndoChangesDeps,
): Promise<UndoChangesOutput> {
  const { request, ledger } = input;
  const ctx = runContextOf(request, { run: input.run ?? input.journal?.run });
  const outcome: UndoOutcome = { changes: [], leftovers: [], errors: [] };
  const privateAccess = deps.privateAccess ?? privateAccessDeps;
  const recorded = ledger.filter((e) => RECORDED_TRIGGER_KINDS.has(e.kind));
  const shared = ledger.filter(isSharedEntry);
  const late = ledger.filter(
    (e) =>
      !isKafkaUndoKind(e.kind) &&
      !CREDENTIAL_KINDS.has(e.kind) &&
      !RECORDED_TRIGGER_KINDS.has(e.kind) &&
      !isSharedEntry(e),
  );
  const credentials = ledger.filter((e) => CREDENTIAL_KINDS.has(e.kind));
  // Each phase done is marked, so a registry that fails midway falls back to the ledger for the rest only.
  const done = { recorded: false, shared: false, late: false };
  const connection = await deps.kafka.connect(request.cluster).catch((error: Error) => error);
  try {
    if (connection instanceof Error) throw connection;
    await withAdminAndRegistry(connection, 'undoChanges', async (admin, registry) => {
      const view = await registry.view();
      // Mappings and the secret copy first (newest), from the ledger and the registry (an intent whose outcome a crash lost).
      const triggers = await undoRunAwsSide(registry, view, ctx.run, ctx.owner, recorded, {
        ...triggerUndo(privateAccess),
        // One with its id may predate `consumer` on entries: the request still says where it lives.
        undo: (entry, owner) =>
          (entry.kind === 'event-source-mapping' && entry.uuid) ||
          (entry.kind === 'secret-copy' && entry.secretArn)
            ? undoTriggerEntry(entry, request, privateAccess)
            : undoRecordedTrigger(entry, owner, privateAccess),
      });
      outcome.changes.push(...triggers.changes);
      outcome.leftovers.push(...triggers.leftovers);
      outcome.errors.push(...triggers.errors);
      done.recorded = true;
      // Shared private access: the run's uses end; a thing goes only when msk-flows made it and nobody else uses it.
      const link = request.privateLink;
      const consumer =
        link && request.cluster.kind === 'msk'
          ? { clusterArn: request.cluster.arn, roleArn: link.roleArn, externalId: link.externalId }
          : undefined;
      const access = await undoRunAwsSide(
        registry,
        view,
        ctx.run,
        ctx.owner,
        shared,
        sharedAccessUndo(privateAccess, consumer),
      );
      outcome.changes.push(...access.changes);
      outcome.leftovers.push(...access.leftovers);
      outcome.errors.push(...access.errors);
      done.shared = true;
      await undoEach(late, request, deps, outcome);
      done.late = true;
      // Connectors the registry shows the run holding (and the ledger did not list) go before its access.
      const connectors = await undoRunConnectors(registry, view, ctx.run, ledger, outcome.leftovers, {
        ...connectorDeps,
        ...deps.connectors,
      });
      outcome.changes.push(...connectors.changes);
      outcome.leftovers.push(...connectors.leftovers);
      outcome.errors.push(...connectors.errors);
      const kafka = await undoRunKafkaSide(admin, registry, view, ctx.run, ledger, deps.kafka.secrets);
      outcome.changes.push(...kafka.changes);
      outcome.leftovers.push(...kafka.leftovers);
      outcome.errors.push(...kafka.errors);
      const msk = await undoRunAwsSide(
        registry,
        view,
        ctx.run,
        ctx.owner,
        credentials,
        mskCredentialUndo(deps.msk),
      );
      outcome.changes.push(...msk.changes);
      outcome.leftovers.push(...msk.leftovers);
      outcome.errors.push(...msk.errors);
      await closeRun(registry, view, ctx.run, outcome.leftovers);
    });
  } catch (error) {
    // The cluster (and its registry) cannot be reached: undo what lives elsewhere, report the rest.
    const elsewhere = ledger.filter(
      (e) =>
        (!done.recorded && recorded.includes(e)) ||
        (!done.shared && isSharedEntry(e)) ||
        (!done.late && late.includes(e)),
    );
    await undoEach(elsewhere, request, deps, outcome);
    for (const entry of ledger.filter((e) => isKafkaUndoKind(e.kind))) {
      const { kind, id } = registryIdentityOf(entry);
      outcome.leftovers.push({ kind, id, error: `${(error as Error).name}: ${(error as Error).message}` });
    }
    outcome.errors.push(error as Error);
    if (!outcome.changes.some((c) => CREDENTIAL_KINDS.has(c.kind)))
      await undoEach(credentials, request, deps, outcome);
  }
  deps.kafka.logger.info('undo finished', {
    run: ctx.run,
    changes: outcome.changes,
    leftovers: outcome.leftovers,
  });
  if (outcome.leftovers.length === 0) return { changes: outcome.changes };
  const retriable = outcome.errors.find((e) => isRetriable(e));
  if (retriable) throw retriable;
  throw new CompensationIncompleteError(outcome.leftovers, { cause: outcome.errors[0] });
}

/** The leftovers as CompensationIncompleteError lists them (for reconcile's report). */
export type { Leftover };

/** Builds the handler of the "Undo Changes" state over the deps given (local runs pass their own). */
export const createUndoChangesHandler = taskHandlerFactory(undoChanges);

/** Lambda entry point of the "Undo Changes" state. */
export const handler = createUndoChangesHandler({ kafka: kafkaTaskDeps, msk: mskCredentialsDeps });
