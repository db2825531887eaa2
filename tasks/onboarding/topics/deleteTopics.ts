import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../cluster/clients';
import type { Change, Journal } from '../contracts';
import { appendToJournal } from '../journal';
import { kafkaTaskDeps } from '../kafka/clients';
import { withPlatformaticAdmin } from '../kafka/platformaticAdmin';
import type { KafkaStepDeps } from '../kafka/types';
import type { OnboardingRequest } from '../request';
import { deleteTopic } from './topicAdmin';

export interface DeleteTopicsInput {
  request: Pick<OnboardingRequest, 'topics' | 'cluster' | 'deleteTopics'>;
  journal: Journal;
}

/** The journal with one change per requested topic: 'delete', or 'none' when it was already gone. */
export type DeleteTopicsOutput = Journal;

/**
 * Offboarding's Delete Topics: deletes exactly the topics named in the request (never by pattern), and
 * only when the request says `deleteTopics: true`; missing topics are 'none'.
 */
export async function deleteTopics(
  input: DeleteTopicsInput,
  deps: KafkaStepDeps,
): Promise<DeleteTopicsOutput> {
  const { request, journal } = input;
  if (request.deleteTopics !== true || request.topics.length === 0) {
    const kept: Change[] = request.topics.map((t) => ({
      kind: 'topic',
      id: t.name,
      action: 'none',
      detail: 'kept',
    }));
    return appendToJournal(journal, kept);
  }
  const connection = await deps.connect(request.cluster);
  const changes = await withPlatformaticAdmin(connection, 'deleteTopics', async (admin) => {
    const out: Change[] = [];
    for (const { name } of request.topics) {
      const deleted = await deleteTopic(admin, name);
      out.push({
        kind: 'topic',
        id: name,
        action: deleted ? 'delete' : 'none',
        detail: deleted ? undefined : 'not found',
      });
    }
    return out;
  });
  deps.logger.info('topics deleted', { cluster: connection.cluster, changes });
  return appendToJournal(journal, changes);
}

/** Lambda entry point of offboarding's "Delete Topics" state. */
export const handler = middy(async (event: DeleteTopicsInput) => deleteTopics(event, kafkaTaskDeps)).use(
  injectLambdaContext(logger),
);
