import type { Change, Journal } from '../onboarding/contracts';
import { appendToJournal } from '../onboarding/journal';
import { kafkaTaskDeps } from '../onboarding/kafka/clients';
import type { KafkaStepDeps } from '../onboarding/kafka/types';
import { runContextOf } from '../onboarding/registry/runContext';
import { withAdminAndRegistry } from '../onboarding/registry/session';
import { topicConfigIdentity, topicIdentity } from '../onboarding/registryIdentity';
import type { OnboardingRequest } from '../onboarding/request';
import { taskHandlerFactory } from '../onboarding/taskHandler';
import { deleteTopics as deleteTopicsNamed, existingTopics } from '../onboarding/topics/topicAdmin';
import { assertOffboardable } from './ownership';
import { releaseOwned } from './releaseOwned';

export interface DeleteTopicsInput {
  request: Pick<OnboardingRequest, 'topics' | 'cluster' | 'deleteTopics' | 'principal' | 'requestId'> &
    Partial<Pick<OnboardingRequest, 'adopt'>>;
  journal: Journal;
}

/** The journal with one change per requested topic: 'delete', or 'none' when it was already gone. */
export type DeleteTopicsOutput = Journal;

/**
 * Offboarding's Delete Topics: deletes exactly the topics named in the request (never by pattern), only
 * with `deleteTopics: true`, only those msk-flows made for (or the request adopted to) this principal
 * (another team's topic is refused with ForeignResourceError), in one DeleteTopics; missing ones are 'none'.
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
  const ctx = runContextOf(request, journal);
  const names = request.topics.map((t) => t.name);
  const connection = await deps.connect(request.cluster);
  const changes = await withAdminAndRegistry(connection, 'deleteTopics', async (admin, registry) => {
    const [view, existing] = await Promise.all([registry.view(), existingTopics(admin, names)]);
    assertOffboardable({ acls: [], topics: [...existing], scramUser: false }, view, ctx);
    const deleted = await deleteTopicsNamed(admin, [...existing]);
    await releaseOwned(registry, view, request.principal, [
      ...[...deleted].map(topicIdentity),
      ...[...deleted].map(topicConfigIdentity),
    ]);
    return names.map(
      (name): Change =>
        deleted.has(name)
          ? { kind: 'topic', id: name, action: 'delete' }
          : { kind: 'topic', id: name, action: 'none', detail: 'not found' },
    );
  });
  deps.logger.info('topics deleted', { cluster: connection.cluster, changes });
  return appendToJournal(journal, changes);
}

/** Builds the handler of offboarding's "Delete Topics" state over the deps given (local runs pass their own). */
export const createDeleteTopicsHandler = taskHandlerFactory(deleteTopics);

/** Lambda entry point of offboarding's "Delete Topics" state. */
export const handler = createDeleteTopicsHandler(kafkaTaskDeps);
