import type { SecretStore } from '../../../shared/secrets/store';
import type { Journal, LedgerEntry } from '../../contracts';
import { appendToJournal } from '../../journal';
import { kafkaTaskDeps } from '../../kafka/clients';
import type { KafkaStepDeps } from '../../kafka/types';
import { identityKey } from '../../registry/fold';
import type { Claim } from '../../registry/registry';
import { claimForRun, runContextOf, standingOf } from '../../registry/runContext';
import { withAdminAndRegistry } from '../../registry/session';
import { scramUserIdentity, secretIdentity } from '../../registryIdentity';
import type { OnboardingRequest } from '../../request';
import { taskHandlerFactory } from '../../taskHandler';
import { randomScramPassword } from './password';
import { upsertScramCredential } from './scramAdmin';
import { decideScramUser, inspectScramUser } from './scramUserState';

export interface UpsertScramUserInput {
  request: Pick<OnboardingRequest, 'principal' | 'cluster' | 'requestId'>;
  journal: Journal;
}

/** The journal, extended with the secret and SCRAM user changes (and a ledger entry when created). */
export type UpsertScramUserOutput = Journal;

export interface ScramUserDeps extends KafkaStepDeps {
  secrets: SecretStore;
}

/**
 * Ensure Credentials on self-managed Kafka: claims the secret and the SCRAM user in the ownership
 * registry (`intent`, with what undo needs), stores a generated password as `AmazonMSK_<principal>`
 * (`{"username","password"}`), upserts the SCRAM-SHA-512 user (KIP-554) and records both `owned`. A rerun
 * changes nothing and never rotates the password; what an unfinished run of the same request made is
 * carried by this run (undone with it if it fails).
 */
export async function upsertScramUser(
  input: UpsertScramUserInput,
  deps: ScramUserDeps,
): Promise<UpsertScramUserOutput> {
  const { principal, cluster } = input.request;
  const ctx = runContextOf(input.request, input.journal);
  const connection = await deps.connect(cluster);
  return withAdminAndRegistry(connection, 'upsertScramUser', async (admin, registry) => {
    const [state, view] = await Promise.all([
      inspectScramUser(admin, deps.secrets, principal),
      registry.view(),
    ]);
    const decision = decideScramUser(state);
    const { standing } = standingOf(view, scramUserIdentity(principal), ctx);
    const carried = !decision.createUser && (standing === 'inherited' || standing === 'this-run');
    if (!decision.createUser && !carried) return appendToJournal(input.journal, decision.changes);

    const held = view.get(identityKey(scramUserIdentity(principal)))?.owner?.record.entry;
    const secretCreated = carried
      ? !(held?.kind === 'scram-user' && held.secretCreated === false)
      : decision.createSecret;
    const entry: LedgerEntry = {
      kind: 'scram-user',
      user: principal,
      secretName: state.secretName,
      secretCreated,
    };
    const claims: Claim[] = [
      ...(secretCreated ? [{ ...secretIdentity(state.secretName), origin: 'created' as const }] : []),
      { ...scramUserIdentity(principal), origin: 'created', entry },
    ];
    const tickets = await claimForRun(registry, ctx, claims);
    if (decision.createUser) {
      const password = state.stored?.password ?? randomScramPassword();
      // Secret first: a crash in between leaves a secret without a user (the rerun reuses it), never a
      // user whose password nobody knows.
      if (decision.createSecret)
        await deps.secrets.put(state.secretName, JSON.stringify({ username: principal, password }));
      await upsertScramCredential(admin, principal, password);
    }
    await registry.settle(tickets.map((ticket) => ({ ticket, state: 'owned' as const })));
    deps.logger.info('SCRAM user created', { user: principal, secretName: state.secretName, carried });
    const changes = carried
      ? decision.changes.map((c) => ({
          ...c,
          action: 'create' as const,
          detail: 'made by an unfinished run of this request',
        }))
      : decision.changes;
    return appendToJournal(input.journal, changes, [entry]);
  });
}

/** Builds the handler of the "Upsert Scram User" state over the deps given (local runs pass their own). */
export const createUpsertScramUserHandler = taskHandlerFactory(upsertScramUser);

/** Lambda entry point of the "Upsert Scram User" state. */
export const handler = createUpsertScramUserHandler(kafkaTaskDeps);
