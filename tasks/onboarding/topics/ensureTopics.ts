import { KafkaRetriableError } from '../../shared/kafka/errors';
import type { Change, Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import type { KafkaStepDeps } from '../kafka/types';
import type { RegistryView } from '../registry/fold';
import type { Claim, Registry, Ticket } from '../registry/registry';
import { claimForRun, type RunContext, runContextOf, standingOf } from '../registry/runContext';
import { withAdminAndRegistry } from '../registry/session';
import { taskHandlerFactory } from '../taskHandler';
import {
  analyzeTopics,
  assertTopicsChangeable,
  type TopicAction,
  type TopicsRequest,
  topicActionChanges,
} from './planTopics';
import { addPartitions, alterTopicConfigs, createTopics } from './topicAdmin';

export interface EnsureTopicsInput {
  request: TopicsRequest;
  journal: Journal;
}

/** The journal with one or more changes per topic; ledger entries for created topics and changed configs. */
export type EnsureTopicsOutput = Journal;

/** What the step claims before acting, and what it reports for topics an unfinished run made. */
interface TopicPlan {
  claims: Claim[];
  /** Existing topics this run takes over from an earlier unfinished run of the request (or made itself). */
  carried: string[];
}

function planClaims(actions: TopicAction[], view: RegistryView, ctx: RunContext): TopicPlan {
  const claims: Claim[] = [];
  const carried: string[] = [];
  for (const action of actions) {
    if (action.kind === 'create') {
      const topic = action.spec.name;
      claims.push({ kind: 'topic', id: topic, origin: 'created', entry: { kind: 'topic', topic } });
      continue;
    }
    const { standing } = standingOf(view, { kind: 'topic', id: action.topic }, ctx);
    if (standing === 'inherited' || standing === 'this-run') {
      carried.push(action.topic);
      claims.push({
        kind: 'topic',
        id: action.topic,
        origin: 'created',
        entry: { kind: 'topic', topic: action.topic },
      });
    } else if (standing === 'adoptable') {
      claims.push({ kind: 'topic', id: action.topic, origin: 'adopted', state: 'owned' });
    }
    if (action.kind === 'reconcile' && action.config) {
      const entry: LedgerEntry = {
        kind: 'topic-config',
        topic: action.topic,
        previous: action.config.previous,
      };
      claims.push({ kind: 'topic-config', id: action.topic, origin: 'changed', entry });
    }
  }
  return { claims, carried };
}

/** Creates, reconfigures and grows the topics, one admin request each; partitions last (irreversible). */
async function apply(
  admin: Parameters<Parameters<typeof withAdminAndRegistry>[2]>[0],
  registry: Registry,
  actions: TopicAction[],
  tickets: Ticket[],
): Promise<void> {
  const creates = actions.flatMap((a) => (a.kind === 'create' ? [a.spec] : []));
  const { alreadyExisted } = await createTopics(admin, creates);
  if (alreadyExisted.size > 0) {
    // Someone else made it between our look and our create: not ours, never to be undone by us.
    const gone = tickets.filter((t) => t.kind === 'topic' && alreadyExisted.has(t.id));
    await registry.settle(gone.map((ticket) => ({ ticket, state: 'released', note: 'existed already' })));
    throw new KafkaRetriableError(
      `topics ${[...alreadyExisted].join(', ')} appeared while being created; retry to reconcile them`,
      { context: { operation: 'ensureTopics' } },
    );
  }
  const reconciles = actions.flatMap((a) => (a.kind === 'reconcile' ? [a] : []));
  await alterTopicConfigs(
    admin,
    reconciles.flatMap((a) => (a.config ? [{ topic: a.topic, values: a.config.set }] : [])),
  );
  await addPartitions(
    admin,
    reconciles.flatMap((a) => (a.partitions ? [{ topic: a.topic, count: a.partitions.to }] : [])),
  );
}

/**
 * Ensure Topics: refuses changes to topics the principal does not own (ForeignResourceError), claims in
 * the ownership registry what it is about to create or change (`intent`, with what undo needs), then
 * creates missing topics, sets the request's config keys incrementally and raises partition counts, one
 * admin request each, and records the outcome (`owned`). If it fails midway, Undo Changes finds the
 * intents in the registry and checks each against the cluster.
 */
export async function ensureTopics(
  input: EnsureTopicsInput,
  deps: KafkaStepDeps,
): Promise<EnsureTopicsOutput> {
  const { request, journal } = input;
  if (request.topics.length === 0) return journal;
  const ctx = runContextOf(request, journal);
  const connection = await deps.connect(request.cluster);
  return withAdminAndRegistry(connection, 'ensureTopics', async (admin, registry) => {
    const [view, actions] = await Promise.all([
      registry.view(),
      analyzeTopics(request, admin, connection.cluster),
    ]);
    assertTopicsChangeable(actions, view, ctx);
    const { claims, carried } = planClaims(actions, view, ctx);
    const tickets = await claimForRun(registry, ctx, claims);
    await apply(admin, registry, actions, tickets);
    await registry.settle(
      tickets.filter((t) => t.origin !== 'adopted').map((ticket) => ({ ticket, state: 'owned' as const })),
    );
    const ledger = tickets.flatMap((t) => (t.entry && t.origin !== 'adopted' ? [t.entry] : []));
    const changes: Change[] = actions.flatMap((action) =>
      action.kind === 'none' && carried.includes(action.topic)
        ? [
            {
              kind: 'topic',
              id: action.topic,
              action: 'create',
              detail: 'made by an unfinished run of this request',
            },
          ]
        : topicActionChanges(action),
    );
    deps.logger.info('topics ensured', { cluster: connection.cluster, changes });
    return appendToJournal(journal, changes, ledger);
  });
}

/** Builds the handler of the "Ensure Topics" state over the deps given (local runs pass their own). */
export const createEnsureTopicsHandler = taskHandlerFactory(ensureTopics);

/** Lambda entry point of the "Ensure Topics" state. */
export const handler = createEnsureTopicsHandler(kafkaTaskDeps);
