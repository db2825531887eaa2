import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Admin } from '@platformatic/kafka';
import { KafkaRetriableError } from '../../shared/kafka/errors';
import { logger } from '../cluster/clients';
import type { Journal, LedgerEntry } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import { onlyProtocolErrors } from '../kafka/platformaticErrors';
import type { KafkaStepDeps, TaskLogger } from '../kafka/types';
import type { OnboardingRequest, TopicSpec } from '../request';
import { analyzeTopics, type TopicAction, topicActionChanges } from './planTopics';
import { addPartitions, alterTopicConfig, createTopic } from './topicAdmin';
import { undoTopicConfigWith, undoTopicWith } from './undoTopics';

export interface EnsureTopicsInput {
  request: Pick<OnboardingRequest, 'topics' | 'cluster'>;
  journal: Journal;
}

/** The journal with one or more changes per topic; ledger entries for created topics and changed configs. */
export type EnsureTopicsOutput = Journal;

/**
 * Creates a topic the analysis found missing. TOPIC_ALREADY_EXISTS means it appeared meanwhile (another
 * run, or a broker whose metadata lagged the controller): not ours, so a retry must compare it instead.
 */
async function createNew(admin: Admin, spec: TopicSpec): Promise<void> {
  const topic = spec.name;
  try {
    await createTopic(admin, spec);
  } catch (error) {
    if (!onlyProtocolErrors(error, 'TOPIC_ALREADY_EXISTS')) throw error;
    throw new KafkaRetriableError(`topic ${topic} appeared while being created; retry to reconcile it`, {
      cause: error,
      context: { topic, operation: 'ensureTopics' },
    });
  }
}

/** Creates, and sets config on, what the actions say; records each reversible step in `done` as it lands. */
async function applyReversible(admin: Admin, actions: TopicAction[], done: LedgerEntry[]): Promise<void> {
  for (const action of actions) {
    if (action.kind === 'create') {
      await createNew(admin, action.spec);
      done.push({ kind: 'topic', topic: action.spec.name });
    } else if (action.kind === 'reconcile' && action.config) {
      await alterTopicConfig(admin, action.topic, action.config.set);
      done.push({ kind: 'topic-config', topic: action.topic, previous: action.config.previous });
    }
  }
}

/** Undoes this call's own reversible steps, newest first; a failing undo is logged, the original error wins. */
async function rollBack(admin: Admin, done: LedgerEntry[], log: TaskLogger): Promise<void> {
  for (const entry of [...done].reverse()) {
    try {
      if (entry.kind === 'topic') await undoTopicWith(admin, entry);
      else if (entry.kind === 'topic-config') await undoTopicConfigWith(admin, entry);
    } catch (error) {
      log.warn('could not undo a partial topic change; it is left in place', { entry, error: String(error) });
    }
  }
}

/**
 * Ensure Topics: creates missing topics, sets the request's config keys incrementally on existing ones and
 * raises partition counts; fewer partitions or another replication factor is a TopicConfigDriftError
 * before anything changes. Partition increases run last because Kafka cannot undo them; if anything
 * fails, what this call created or changed is undone before the error is rethrown.
 */
export async function ensureTopics(
  input: EnsureTopicsInput,
  deps: KafkaStepDeps,
): Promise<EnsureTopicsOutput> {
  const { request, journal } = input;
  if (request.topics.length === 0) return journal;
  const connection = await deps.connect(request.cluster);
  return withPlatformaticAdmin(connection, 'ensureTopics', async (admin) => {
    const actions = await analyzeTopics(request, admin, connection.cluster);
    const done: LedgerEntry[] = [];
    try {
      await applyReversible(admin, actions, done);
      for (const action of actions) {
        if (action.kind === 'reconcile' && action.partitions)
          await addPartitions(admin, action.topic, action.partitions.to);
      }
    } catch (error) {
      await rollBack(admin, done, deps.logger);
      throw error;
    }
    const changes = actions.flatMap(topicActionChanges);
    deps.logger.info('topics ensured', { cluster: connection.cluster, changes });
    return appendToJournal(journal, changes, done);
  });
}

/** Lambda entry point of the "Ensure Topics" state. */
export const handler = middy(async (event: EnsureTopicsInput) => ensureTopics(event, kafkaTaskDeps)).use(
  injectLambdaContext(logger),
);
